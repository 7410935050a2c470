export * from './mulAddLayers';
export * from './layers';
export * from './batchNorm';
export * from './dropout';
