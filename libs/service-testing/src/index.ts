export * from './test-service';
export * from './bilingual-error';
