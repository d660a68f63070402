export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * Which partitions a member should own: the group's partitions (sorted by topic, partition) dealt
 * round-robin over the live members sorted by id. Pure and identical on every member, so members agree
 * without talking to each other; a partition is only ever processed by the member holding its lock.
 */
export function assignPartitions(
  partitions: TopicPartition[],
  liveMembers: string[],
  me: string,
): TopicPartition[] {
  const members = [...new Set([...liveMembers, me])].sort();
  const index = members.indexOf(me);
  const sorted = [...partitions].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
  return sorted.filter((_, i) => i % members.length === index);
}

export function partitionId(tp: TopicPartition): string {
  return `${tp.topic}#${tp.partition}`;
}
