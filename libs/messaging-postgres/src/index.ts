export * from './postgres-bus';
export * from './postgres-checkpoint-store';
export { partitionFor } from './partitioner';
export { assignPartitions, type TopicPartition } from './assignment';
export { BUS_MIGRATIONS } from './migrations';
