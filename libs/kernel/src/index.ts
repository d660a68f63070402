export * from './countries';
export * from './localized-error';
export * from './clock';
export * from './seeded-random';
