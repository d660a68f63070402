/** Partition of a key: FNV-1a 32-bit hash modulo the partition count (stable across runs). */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * Which member (index) owns each partition: partitions dealt round-robin over the members in join order.
 * Returns an empty array when there are no members.
 */
export function assignPartitions(partitions: number, members: number): number[] {
  if (members <= 0) return [];
  return Array.from({ length: partitions }, (_, p) => p % members);
}
