export * from './hostile-messages';
