export * from './as-of';
export * from './diff';
export * from './history';
export * from './input';
export * from './labels';
export * from './render';
