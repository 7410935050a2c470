export * from './mulAddLayers';
export * from './layers';
