export * from './errors';
export * from './period';
export * from './window';
export * from './window-decider';
