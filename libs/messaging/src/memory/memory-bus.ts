import {
  deadLetterHeaders,
  defaultDeadLetterTopic,
  handleWithRetries,
  sleep,
  type BackoffOptions,
} from '../retry';
import type { Bus, ConsumeOptions, Consumer, IncomingMessage, OutgoingMessage } from '../types';
import { Signal } from './signal';
import { assignPartitions, partitionOf } from './partitioning';

export interface MemoryBusOptions {
  /** Partitions of each topic created by ensureTopics (default 3). */
  partitions?: number;
  /** Back-off between handler attempts (default 5 ms doubling to 50 ms: unit tests stay fast). */
  backoff?: BackoffOptions;
}

interface StoredMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

interface Member {
  id: number;
  options: ConsumeOptions;
  active: boolean;
}

interface Group {
  members: Member[];
  /** `<topic>\u0000<partition>` -> next offset to deliver. */
  committed: Map<string, number>;
  /** Partitions with a running pump. */
  pumps: Map<string, Promise<void>>;
  /** Partitions whose message is being handled right now, and by whom. */
  inFlight: Map<string, { owner: Member; done: Promise<void> }>;
}

/**
 * In-process Bus for unit tests, with Kafka's semantics: partitions (key -> partition), per-partition
 * order, consumer groups whose members split the partitions, offsets committed only after the handler
 * succeeded, bounded retries and dead-letter topics. Nothing is durable beyond the object.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<string, StoredMessage[][]>();
  private readonly groups = new Map<string, Group>();
  private readonly changed = new Signal();
  private readonly partitions: number;
  private readonly backoff: BackoffOptions;
  private nextMemberId = 1;
  private closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.partitions = options.partitions ?? 3;
    this.backoff = options.backoff ?? { initialMs: 5, maxMs: 50 };
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) {
      if (!this.topics.has(topic))
        this.topics.set(
          topic,
          Array.from({ length: this.partitions }, () => []),
        );
    }
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    for (const m of messages)
      if (!this.topics.has(m.topic))
        throw new Error(`memory bus: unknown topic ${m.topic} (call ensureTopics first)`);
    for (const m of messages) {
      const log = this.topics.get(m.topic)!;
      log[partitionOf(m.key, log.length)].push({
        key: m.key,
        value: Buffer.from(m.value),
        headers: { ...(m.headers ?? {}) },
      });
    }
    this.changed.notify();
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.assertOpen();
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
    await this.ensureTopics(options.topics.map(deadLetterTopic));
    for (const topic of options.topics)
      if (!this.topics.has(topic))
        throw new Error(`memory bus: unknown topic ${topic} (call ensureTopics first)`);

    const group = this.groupOf(options.groupId);
    const member: Member = { id: this.nextMemberId++, options, active: true };
    group.members.push(member);
    for (const topic of options.topics) {
      const log = this.topics.get(topic)!;
      for (let p = 0; p < log.length; p++) {
        const key = slot(topic, p);
        if (!group.committed.has(key) && options.fromBeginning === false)
          group.committed.set(key, log[p].length);
        if (!group.pumps.has(key)) group.pumps.set(key, this.pump(group, topic, p));
      }
    }
    this.changed.notify();

    return {
      stop: async () => {
        if (!member.active) return;
        member.active = false;
        group.members = group.members.filter((m) => m !== member);
        this.changed.notify();
        await Promise.all([...group.inFlight.values()].filter((f) => f.owner === member).map((f) => f.done));
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const group of this.groups.values()) for (const m of group.members) m.active = false;
    this.changed.notify();
    await Promise.all([...this.groups.values()].flatMap((g) => [...g.pumps.values()]));
  }

  private groupOf(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { members: [], committed: new Map(), pumps: new Map(), inFlight: new Map() };
      this.groups.set(groupId, group);
    }
    return group;
  }

  private ownerOf(group: Group, topic: string, partition: number): Member | undefined {
    const subscribed = group.members.filter((m) => m.active && m.options.topics.includes(topic));
    const count = this.topics.get(topic)!.length;
    const index = assignPartitions(count, subscribed.length)[partition];
    return index === undefined ? undefined : subscribed[index];
  }

  /** Delivers one partition to the group, one message at a time, to whichever member owns it now. */
  private async pump(group: Group, topic: string, partition: number): Promise<void> {
    const key = slot(topic, partition);
    const log = this.topics.get(topic)![partition];
    while (!this.closed) {
      const wake = this.changed.wait();
      const owner = this.ownerOf(group, topic, partition);
      const offset = group.committed.get(key) ?? 0;
      if (!owner || offset >= log.length) {
        await wake;
        continue;
      }
      const stored = log[offset];
      const message: IncomingMessage = {
        topic,
        key: stored.key,
        value: Buffer.from(stored.value),
        headers: { ...stored.headers },
        partition,
        offset: String(offset),
      };
      const done = this.deliver(group, owner, message, key, offset).catch(() => sleep(this.backoff.maxMs)); // not committed: redelivered
      group.inFlight.set(key, { owner, done });
      await done;
      group.inFlight.delete(key);
    }
  }

  private async deliver(
    group: Group,
    owner: Member,
    message: IncomingMessage,
    key: string,
    offset: number,
  ): Promise<void> {
    const isActive = () => owner.active && !this.closed;
    const outcome = await handleWithRetries(message, owner.options.handler, {
      maxAttempts: owner.options.maxAttempts,
      backoff: this.backoff,
      isActive,
    });
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'dead') {
      const dlq = (owner.options.deadLetterTopic ?? defaultDeadLetterTopic)(message.topic);
      await this.publish([
        {
          topic: dlq,
          key: message.key ?? '',
          value: Buffer.from(JSON.stringify(outcome.letter)),
          headers: deadLetterHeaders(message, outcome.letter),
        },
      ]);
      owner.options.onDeadLetter?.({ topic: message.topic, deadLetterTopic: dlq, code: outcome.letter.code });
    }
    group.committed.set(key, offset + 1);
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('memory bus: closed');
  }
}

function slot(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
