export * from './types';
export * from './retry';
export * from './memory/memory-bus';
export * from './relay';
