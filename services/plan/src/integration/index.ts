export * from './plan-integration';
export * from './plan-event-mapping';
export * from './plan-relay';
