export * from './scalar';
export * from './layers';
