export * from './inbound-gateway';
export * from './processed-store';
export * from './postgres-processed-store';
export * from './rejection';
export * from './dead-letters';
export * from './namespaced-bus';
export * from './ensure-topics';
export * from './national-system-principal';
