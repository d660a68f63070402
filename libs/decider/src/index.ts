export * from './decider';
export * from './event-id';
export * from './event-mapping';
export * from './command-handler';
export * from './given-when-then';
