export * from './platform';
export * from './platform.module';
