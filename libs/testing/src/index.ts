export * from './test-database';
export * from './kafka-suite';
export * from './kafka-broker';
export * from './stoppable-postgres';
