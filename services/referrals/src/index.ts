export * from './shared/vocabulary';
