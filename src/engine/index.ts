export * from './core';
export * from './ops';
export * from './scalar';
export * from './format';
export * from './tensorOps';
export * from './tensorFormat';
export * from './matrix';
export * from './valueKind';
