/**
 * Event store benchmark: the PostgreSQL adapter against raw `pg` doing the equivalent minimal SQL, in the
 * same run, on a throwaway embedded PostgreSQL.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only tests/bench/store.ts   (BENCH_SCALE=0.1 for a smoke run)
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@crm/config';
import type { NewEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { Pool } from 'pg';
import { BENCH_SCALE, fmt, percentile, runLoad, scaled, table, timed, type LoadResult } from './bench-util';

const WRITERS = 8;
const SINGLE_APPENDS = scaled(20_000);
const BATCHES = scaled(200);
const BATCH_SIZE = 100;
const REPLAY_EVENTS = scaled(200_000);
const PAGE = 1000;
const ROUNDS = 4;

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReportSubmitted',
    schemaVersion: 1,
    data: {
      indicator: '1.1',
      value: i,
      status: 'submitted',
      note: 'Avance del plan estratégico: capacitación de funcionarios consulares',
    },
    occurredAt: new Date(),
    actor: { subject: 'user-hn-1', role: 'focal_point', country: 'HN', institution: 'DINAF' },
    countries: ['HN'],
    correlationId: randomUUID(),
    causationId: null,
  };
}

/** A row of the same size and shape for the raw baseline. */
function rawRow(stream: string, revision: number, i: number): unknown[] {
  const e = event(i);
  const metadata = {
    ...e,
    data: undefined,
    recordedAt: new Date().toISOString(),
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
  return [stream, revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(metadata), new Date()];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-pg-'));
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
  const rows: Array<Array<string | number>> = [];
  try {
    const url = await pg.createDatabase('bench');
    const store = await PostgresEventStore.connect({ url, poolSize: WRITERS + 2 });
    const raw = new Pool({ connectionString: url, max: WRITERS + 2 });
    raw.on('error', () => undefined); // an idle client dropped at shutdown must not hide the real error
    await raw.query(`CREATE TABLE raw_events (
      position bigserial PRIMARY KEY, stream_name text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL,
      type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL,
      UNIQUE (stream_name, revision))`);
    const insert =
      'INSERT INTO raw_events (stream_name, revision, event_id, type, data, metadata, recorded_at) VALUES ';
    console.log(
      `BENCH_SCALE=${BENCH_SCALE}: ${SINGLE_APPENDS} single appends by ${WRITERS} writers, ${BATCHES} batches of ${BATCH_SIZE}, replay of ${REPLAY_EVENTS}`,
    );

    const runId = randomUUID().slice(0, 8);
    // Adapter and raw runs alternate in ROUNDS rounds (after a warm-up), so that load from other processes
    // on the machine hits both sides alike; rates are total operations / total time per side.
    let streamSeq = 0;
    const single = (target: 'adapter' | 'raw', perWriter: number) => {
      const run = streamSeq++;
      return target === 'adapter'
        ? runLoad(WRITERS, perWriter, async (w, i) => {
            await store.appendToStream(`benchSingle-${runId}-${run}-${w}`, [event(i)], {
              expectedRevision: i === 0 ? 'no_stream' : i - 1,
            });
          })
        : runLoad(WRITERS, perWriter, async (w, i) => {
            await raw.query(`${insert}($1, $2, $3, $4, $5, $6, $7)`, rawRow(`rawSingle-${run}-${w}`, i, i));
          });
    };
    const batch = (target: 'adapter' | 'raw', perWriter: number) => {
      const run = streamSeq++;
      return target === 'adapter'
        ? runLoad(WRITERS, perWriter, async (w, i) => {
            const events = Array.from({ length: BATCH_SIZE }, (_, k) => event(k));
            await store.appendToStream(`benchBatch-${runId}-${run}-${w}-${i}`, events, {
              expectedRevision: 'no_stream',
            });
          })
        : runLoad(WRITERS, perWriter, async (w, i) => {
            const values: unknown[] = [];
            const tuples: string[] = [];
            for (let k = 0; k < BATCH_SIZE; k++) {
              const b = k * 7;
              tuples.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`);
              values.push(...rawRow(`rawBatch-${run}-${w}-${i}`, k, k));
            }
            await raw.query(insert + tuples.join(', '), values);
          });
    };
    const compare = async (load: typeof single, perWriterTotal: number) => {
      await load('adapter', 20);
      await load('raw', 20);
      const sides = { adapter: [] as LoadResult[], raw: [] as LoadResult[] };
      const perRound = Math.max(1, Math.ceil(perWriterTotal / ROUNDS));
      for (let r = 0; r < ROUNDS; r++) {
        for (const side of r % 2 === 0 ? (['adapter', 'raw'] as const) : (['raw', 'adapter'] as const)) {
          sides[side].push(await load(side, perRound));
        }
      }
      const merge = (list: LoadResult[]) => {
        const ops = list.reduce((n, x) => n + x.ops, 0);
        const seconds = list.reduce((n, x) => n + x.seconds, 0);
        return { ops, seconds, opsPerSecond: ops / seconds, latencies: list.flatMap((x) => x.latencies) };
      };
      return { adapter: merge(sides.adapter), raw: merge(sides.raw) };
    };

    // 1. single-event appends, 8 concurrent writers, each on its own stream, exact expected revision
    const s1 = await compare(single, Math.ceil(SINGLE_APPENDS / WRITERS));
    rows.push(
      [
        'single-event appends/s (8 writers)',
        fmt(s1.adapter.opsPerSecond),
        fmt(s1.raw.opsPerSecond),
        fmt(s1.adapter.opsPerSecond / s1.raw.opsPerSecond, 2),
      ],
      [
        'single-event append p99 latency (ms)',
        fmt(percentile(s1.adapter.latencies, 99), 2),
        fmt(percentile(s1.raw.latencies, 99), 2),
        fmt(percentile(s1.raw.latencies, 99) / percentile(s1.adapter.latencies, 99), 2),
      ],
    );

    // 2. 100-event batches, 8 concurrent writers, each batch a new stream
    const s2 = await compare(batch, Math.ceil(BATCHES / WRITERS));
    const sEvents = s2.adapter.opsPerSecond * BATCH_SIZE;
    const rEvents = s2.raw.opsPerSecond * BATCH_SIZE;
    rows.push(
      [
        '100-event batch appends: events/s (8 writers)',
        fmt(sEvents),
        fmt(rEvents),
        fmt(sEvents / rEvents, 2),
      ],
      [
        '100-event batch p99 latency (ms)',
        fmt(percentile(s2.adapter.latencies, 99), 2),
        fmt(percentile(s2.raw.latencies, 99), 2),
        fmt(percentile(s2.raw.latencies, 99) / percentile(s2.adapter.latencies, 99), 2),
      ],
    );

    // 3. replay: fill up to REPLAY_EVENTS, copy the same rows to the raw table, read everything in pages
    const { rows: countRows } = await raw.query(`SELECT count(*)::int AS n FROM "${store.schema}".events`);
    let have = countRows[0].n as number;
    let k = 0;
    while (have < REPLAY_EVENTS) {
      const n = Math.min(500, REPLAY_EVENTS - have);
      await store.appendToStream(
        `benchReplay-${runId}-${k++}`,
        Array.from({ length: n }, (_, j) => event(j)),
        { expectedRevision: 'no_stream' },
      );
      have += n;
    }
    await raw.query('TRUNCATE raw_events');
    await raw.query(`INSERT INTO raw_events (stream_name, revision, event_id, type, data, metadata, recorded_at)
      SELECT stream_name, revision, event_id, type, data, metadata, recorded_at FROM "${store.schema}".events ORDER BY position`);
    await raw.query('VACUUM ANALYZE raw_events');
    await raw.query(`VACUUM ANALYZE "${store.schema}".events`);
    const replayAdapter = () =>
      timed(async () => {
        let from: bigint | undefined;
        let n = 0;
        for (;;) {
          const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
          if (page.length === 0) return n;
          n += page.length;
          from = page[page.length - 1].position;
        }
      });
    const replayRaw = () =>
      timed(async () => {
        let from = '0';
        let n = 0;
        for (;;) {
          const page = await raw.query(
            'SELECT position, stream_name, revision, type, data, metadata FROM raw_events WHERE position > $1 ORDER BY position LIMIT $2',
            [from, PAGE],
          );
          if (page.rows.length === 0) return n;
          n += page.rows.length;
          from = page.rows[page.rows.length - 1].position;
        }
      });
    const storeReplay = { result: 0, seconds: 0 };
    const rawReplay = { result: 0, seconds: 0 };
    for (const [side, fn] of [
      [storeReplay, replayAdapter],
      [rawReplay, replayRaw],
      [rawReplay, replayRaw],
      [storeReplay, replayAdapter],
    ] as const) {
      const r = await fn();
      side.result += r.result;
      side.seconds += r.seconds;
    }
    const sReplay = storeReplay.result / storeReplay.seconds;
    const rReplay = rawReplay.result / rawReplay.seconds;
    rows.push([
      `read-all replay events/s (${fmt(storeReplay.result / 2)} events x 2, pages of ${PAGE})`,
      fmt(sReplay),
      fmt(rReplay),
      fmt(sReplay / rReplay, 2),
    ]);

    await raw.end();
    await store.close();
  } catch (e) {
    console.error('benchmark failed:', e);
    process.exitCode = 1;
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${table(['measure', 'postgres adapter', 'raw pg', 'adapter / raw'], rows)}\n`);
  console.log('(for latency rows the ratio is raw p99 / adapter p99: higher is better, like the others)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
