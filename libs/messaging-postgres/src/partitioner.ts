/** FNV-1a 32-bit: stable across processes and versions, so a key always maps to the same partition. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Partition of a message: hash(key) mod N; messages without a key go to partition 0. */
export function partitionFor(key: string | null, partitions: number): number {
  if (key === null || partitions <= 1) return 0;
  return fnv1a32(key) % partitions;
}
