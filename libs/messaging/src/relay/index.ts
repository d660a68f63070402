export * from './checkpoint-store';
export * from './relay';
export { RelayStoppedError } from './stopped-error';
export * from './stream-states';
