export * from './free-port';
export * from './embedded-postgres';
export * from './platform-config';
export * from './database';
export * from './log-level';
export * from './migrations';
export * from './parent-link';
