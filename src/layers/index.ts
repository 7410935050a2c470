export * from './scalar';
export * from './layers';
export * from './batchNorm';
export * from './dropout';
