export * from './types';
export * from './retry';
export * from './stoppable-sleep';
export * from './memory/memory-bus';
export * from './relay';
export * from './stderr-log';
