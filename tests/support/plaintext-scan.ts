/**
 * The plaintext scanner of the "no identifying data of a test child in any Kafka message or log line" proof:
 * looks for needles (the marker of test children and exact identifying strings) in texts, and reads EVERY topic
 * of a broker from the beginning (every partition; each message's key, value and headers). kafkajs and relative
 * imports only, so the kafka project's global teardown (which runs outside jest's module mapping) can use it.
 */
import { Kafka, logLevel } from 'kafkajs';
// a relative path: jest's global teardown loads this file without the workspace's module mapping
// eslint-disable-next-line @nx/enforce-module-boundaries
import { KNOWN_TEST_CHILD_STRINGS } from '../../services/referrals/src/testing/test-children';

/** One needle found somewhere. */
export interface Finding {
  where: string;
  needle: string;
}

/**
 * The one kind of message a test writes WITH a child's data on purpose: the Kafka e2e
 * (tests/e2e/referrals-national-system.kafka.spec.ts, "a response carrying free text") plays a national system
 * that puts a note naming the child into a response on its `crm.HN.in.referrals`, and checks the gateway
 * dead-letters it without copying the payload. That inbound message (external reference `HN-SNI-NOTE`) is the
 * test's hostile input, not something the platform produced: a scan reports it apart. Anything the platform
 * derived from it (a dead letter, an outcome, a log line) would still be a finding.
 */
export function isDeliberateHostileInput(topic: string, value: string): boolean {
  return topic.endsWith('crm.HN.in.referrals') && value.includes('"externalReference":"HN-SNI-NOTE"');
}

/** The needles of every scan: the marker and the fixed children's strings, plus `extra` (a spec's own children). */
export function needlesWith(extra: readonly string[] = []): string[] {
  return [...new Set([...KNOWN_TEST_CHILD_STRINGS, ...extra])];
}

/** Where the needles occur in `text` (case-insensitive; also JSON-escaped, e.g. `\u00ed` for `í`). */
export function findPlaintext(text: string, needles: readonly string[], where: string): Finding[] {
  const unescaped = text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  const haystacks = [text.toLowerCase(), unescaped.toLowerCase()];
  return needles
    .filter((needle) => haystacks.some((h) => h.includes(needle.toLowerCase())))
    .map((needle) => ({ where, needle }));
}

export interface KafkaScan {
  topics: number;
  partitions: number;
  messages: number;
  findings: Finding[];
  /** Findings in the tests' deliberate hostile inputs (isDeliberateHostileInput), reported apart. */
  hostileInputs: Finding[];
}

/**
 * Reads every message of every topic of the broker (the internal `__*` topics excepted) from the beginning up
 * to the end offsets taken at the start (a fresh consumer group), and scans keys, values and headers.
 */
export async function scanKafka(
  brokers: string[],
  needles: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<KafkaScan> {
  const kafka = new Kafka({ clientId: `plaintext-scan-${Date.now()}`, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
  const pending = new Map<string, bigint>(); // topic|partition → the last offset still to read
  let partitions = 0;
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      partitions++;
      if (BigInt(p.high) > BigInt(p.low)) pending.set(`${topic}|${p.partition}`, BigInt(p.high) - 1n);
    }
  }
  await admin.disconnect();
  const findings: Finding[] = [];
  const hostileInputs: Finding[] = [];
  let messages = 0;
  if (pending.size === 0) return { topics: topics.length, partitions, messages, findings, hostileInputs };
  const consumer = kafka.consumer({ groupId: `plaintext-scan-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [...new Set([...pending.keys()].map((k) => k.split('|')[0]))],
    fromBeginning: true,
  });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const key = `${topic}|${partition}`;
      const last = pending.get(key);
      if (last === undefined || BigInt(message.offset) > last) return;
      messages++;
      const where = `${topic}[${partition}]@${message.offset}`;
      const headers = Object.entries(message.headers ?? {})
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.map(String).join(',') : String(v ?? '')}`)
        .join(' ');
      const value = message.value?.toString('utf8') ?? '';
      (isDeliberateHostileInput(topic, value) ? hostileInputs : findings).push(
        ...findPlaintext(message.key?.toString('utf8') ?? '', needles, `${where} key`),
        ...findPlaintext(value, needles, `${where} value`),
        ...findPlaintext(headers, needles, `${where} headers`),
      );
      if (BigInt(message.offset) >= last) pending.delete(key);
      if (pending.size === 0) done();
    },
  });
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
  );
  const outcome = await Promise.race([finished.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  await consumer.disconnect();
  if (outcome === 'timeout')
    throw new Error(
      `plaintext scan: ${pending.size} partition(s) not read to their end in ${timeoutMs} ms: ${[...pending.keys()].join(', ')}`,
    );
  return { topics: topics.length, partitions, messages, findings, hostileInputs };
}
