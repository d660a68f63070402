export * from './postgres-event-store';
export { writeBatch, BARRIER, type Queryable, type SealedEvent } from './sql';
export { POSITION_SHIFT } from './position';
export { EVENT_STORE_MIGRATIONS } from './migrations/1732262400000-create-event-store';
