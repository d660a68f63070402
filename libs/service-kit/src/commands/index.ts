export * from './command-options';
export * from './service-command';
export * from './command-deps';
export * from './command-envelope';
