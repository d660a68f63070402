export * from './eventstoredb-event-store';
export * from './resilient-subscription';
export * from './translate';
export { openEsdbFeed } from './esdb-feed';
