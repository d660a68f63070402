/**
 * Shared helpers of the fault-injection tests (tests/fault): polling, a data source, the effect and
 * delivery tables, and the counts every fault test asserts on.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeIntegrationEvent, type IntegrationEvent } from '@crm/contracts';
import type { IncomingMessage } from '@crm/messaging';
import { handleOnce } from '@crm/projection';

/** Polls `check` until it holds; fails with `what` (and the last progress line) after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
  progress?: () => string | Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${progress ? ` (${await progress()})` : ''}`,
      );
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function openDataSource(url: string, applicationName: string, max = 4): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: [],
    synchronize: false,
    logging: false,
    extra: { max, application_name: applicationName },
  });
  return ds.initialize();
}

/**
 * `fault.effects`: one row per APPLIED effect. Deliberately without a unique constraint on event_id: a
 * double effect must show up as a second row to count, not as a constraint error that a retry or a
 * dead letter would hide. The unique key that makes effects happen once is handleOnce's own
 * `processed_events (consumer, event_id)` primary key.
 * `fault.deliveries`: one row per DELIVERY (written outside the effect transaction), duplicates included.
 */
export async function createFaultTables(ds: DataSource): Promise<void> {
  await ds.query('CREATE SCHEMA IF NOT EXISTS fault');
  await ds.query(`CREATE TABLE IF NOT EXISTS fault.effects (
    seq bigserial PRIMARY KEY, event_id text NOT NULL, stream text NOT NULL, i int NOT NULL, applied_by text NOT NULL)`);
  await ds.query(`CREATE TABLE IF NOT EXISTS fault.deliveries (
    seq bigserial PRIMARY KEY, event_id text NOT NULL, applied boolean, delivered_by text NOT NULL)`);
}

/**
 * Every fault-test message is a real integration event: decoded and validated against its contract
 * (`decodeIntegrationEvent`: CloudEvents headers, registered type and version, ajv schema, country), with
 * the CloudEvents id and subject the relay sets (domain event id; stream name = Kafka key).
 * Returns the event, or the reason it is not one (the tests count those and require zero).
 */
export function decodeFaultMessage(
  message: IncomingMessage,
): { ok: true; event: IntegrationEvent } | { ok: false; reason: string } {
  const decoded = decodeIntegrationEvent(message);
  if (!decoded.ok)
    return {
      ok: false,
      reason: `${message.topic}/${message.partition}/${message.offset}: ${decoded.code} ${decoded.message.en}`,
    };
  if (decoded.event.id !== message.headers.ce_id)
    return {
      ok: false,
      reason: `${message.topic}/${message.offset}: id ${decoded.event.id} differs from ce_id`,
    };
  if (message.key !== undefined && message.key !== null && decoded.event.subject !== message.key) {
    return {
      ok: false,
      reason: `${message.topic}/${message.offset}: subject ${String(decoded.event.subject)} differs from key ${message.key}`,
    };
  }
  return { ok: true, event: decoded.event };
}

/**
 * The consumer side of every fault test: records the delivery, then applies the effect through
 * handleOnce keyed by the CloudEvents id. `i` is the message's place in its stream's published order
 * (the test's own record of what it published), for the per-stream order count.
 * Returns whether the effect was applied (false = duplicate).
 */
export async function applyOnce(
  ds: DataSource,
  consumer: string,
  message: IncomingMessage,
  who: string,
  i: number,
): Promise<boolean> {
  const eventId = message.headers.ce_id;
  if (!eventId)
    throw new Error(`message ${message.topic}/${message.partition}/${message.offset} has no ce_id`);
  const delivery: Array<{ seq: string }> = await ds.query(
    'INSERT INTO fault.deliveries (event_id, delivered_by) VALUES ($1, $2) RETURNING seq',
    [eventId, who],
  );
  const { applied } = await handleOnce(ds, { consumer, eventId }, async (manager: EntityManager) => {
    await manager.query(
      'INSERT INTO fault.effects (event_id, stream, i, applied_by) VALUES ($1, $2, $3, $4)',
      [eventId, message.key ?? '', i, who],
    );
  });
  await ds.query('UPDATE fault.deliveries SET applied = $1 WHERE seq = $2', [applied, delivery[0].seq]);
  return applied;
}

export interface EffectCounts {
  /** Rows in fault.effects (every applied effect). */
  effects: number;
  /** Distinct event ids among them. */
  distinct: number;
  /** Deliveries recorded (first deliveries + redeliveries). */
  deliveries: number;
  /** Event ids delivered more than once, and the surplus deliveries. */
  redeliveredIds: number;
  surplusDeliveries: number;
  /** Streams whose effects were applied out of event order. */
  outOfOrderStreams: number;
}

export async function effectCounts(ds: DataSource | EntityManager): Promise<EffectCounts> {
  const [row] = await ds.query(`SELECT
      (SELECT count(*)::int FROM fault.effects) AS effects,
      (SELECT count(DISTINCT event_id)::int FROM fault.effects) AS distinct,
      (SELECT count(*)::int FROM fault.deliveries) AS deliveries,
      (SELECT count(*)::int FROM (SELECT event_id FROM fault.deliveries GROUP BY event_id HAVING count(*) > 1) d) AS redelivered_ids,
      (SELECT (count(*) - count(DISTINCT event_id))::int FROM fault.deliveries) AS surplus,
      (SELECT count(DISTINCT stream)::int FROM (
         SELECT stream, i, lag(i) OVER (PARTITION BY stream ORDER BY seq) AS prev FROM fault.effects) x
       WHERE prev IS NOT NULL AND i <= prev) AS out_of_order`);
  return {
    effects: row.effects,
    distinct: row.distinct,
    deliveries: row.deliveries,
    redeliveredIds: row.redelivered_ids,
    surplusDeliveries: row.surplus,
    outOfOrderStreams: row.out_of_order,
  };
}

/** A fresh topic name for one test (topics are created explicitly; the broker never auto-creates). */
export function faultTopic(prefix: string): string {
  return `fault.${prefix}.${randomUUID().slice(0, 8)}`;
}
