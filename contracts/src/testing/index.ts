export * from './hostile-messages';
export * from './kafka-acl';
