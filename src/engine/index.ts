export * from './ops';
export * from './graph';
export * from './schedule';
export * from './format';
export * from './describe';
export * from './tensorOps';
export * from './tensorGraph';
