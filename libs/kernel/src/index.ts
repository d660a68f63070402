export * from './countries';
export * from './localized-error';
export * from './clock';
export * from './seeded-random';
export * from './error-kinds';
export * from './log-port';
export * from './iso-instant';
