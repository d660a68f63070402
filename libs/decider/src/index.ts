export * from './decider';
export * from './event-id';
export * from './event-mapping';
export * from './read-state';
export * from './stale-revision';
export * from './command-handler';
export * from './given-when-then';
