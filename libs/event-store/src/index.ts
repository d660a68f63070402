export * from './types';
export * from './errors';
export * from './hash-chain';
export * from './validation';
