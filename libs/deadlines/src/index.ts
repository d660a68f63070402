export * from './deadline';
export * from './deadlines';
export * from './deadline-runner';
export * from './retry-delay';
export * from './schema';
export { DEADLINE_MIGRATIONS, CreateDeadlines1764720000000 } from './migrations';
