export * from './plan-integration.module';
export * from './plan-event-mapping';
export * from './plan-relay';
export * from './stream-states';
