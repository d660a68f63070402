export * from './countries';
export * from './localized-error';
export * from './clock';
