export * from './schema';
export * from './handle-once';
export * from './projection-runner';
export * from './consume-idempotently';
export * from './batched-replay';
export * from './rebuild-within';
export * from './read-model-runner';
