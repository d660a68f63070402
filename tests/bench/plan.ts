/**
 * Plan benchmark: as-of review latency for one country and the full read-model rebuild, each beside the raw
 * PostgreSQL read of the same events in the same run, on a throwaway embedded PostgreSQL.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only tests/bench/plan.ts     (npm run bench:plan)
 *   BENCH_EVENTS=50000 ... for a quick run (default 1,000,000 events x BENCH_SCALE, e.g. BENCH_SCALE=0.1: 100,000)
 *
 * Generation (the shapes of tests/support/plan-report-history.ts, shared with the bus bench and the fault
 * tests) writes realistic report histories (drafts, submissions on time and late, approvals, returns,
 * reopenings) for 11 countries x 12 semesters x N synthetic activities, one append per command in
 * recorded-time order, sealed with the store's `sealEvents` (the same hash chain) and written in one multi-stream
 * INSERT per 5,000 events (the store's own one-statement append shape, positions = transaction id << 14 + index).
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@crm/config';
import { GENESIS_HASH, sealEvents } from '@crm/event-store';
import { POSITION_SHIFT, PostgresEventStore } from '@crm/event-store-postgres';
import { MEMBER_COUNTRIES, seededRandom as rng, type CountryCode } from '@crm/kernel';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { countryStateAsOf, PlanReadModels, PlanReview, READ_SCHEMA } from '@crm/plan';
import { eventOf, OBJECTIVES, PERIODS, planKinds, type ReportHistory } from '../support/plan-report-history';
import { fmt, percentile, scaled, table, timed } from './bench-util';

const TARGET = Math.max(1000, Number(process.env.BENCH_EVENTS ?? '') || scaled(1_000_000));
const AS_OF_SAMPLES = Number(process.env.BENCH_ASOF_SAMPLES ?? '50') || 50;
const WRITERS = 8;
const CHUNK = 5000;
const COUNTRY: CountryCode = 'HN';
/** A report history without its events (made one at a time while writing, to keep memory flat). */
type StreamPlan = Omit<ReportHistory, 'events'>;

async function generate(
  pool: Pool,
  schema: string,
): Promise<{ events: number; streams: number; first: number; last: number }> {
  const streams: StreamPlan[] = [];
  let total = 0;
  for (let a = 0; total < TARGET; a++) {
    const activityId = `${OBJECTIVES[a % OBJECTIVES.length]}.${1 + (Math.floor(a / 16) % 5)}.1.${1 + Math.floor(a / 80)}`;
    for (const period of PERIODS) {
      for (const country of MEMBER_COUNTRIES) {
        const { kinds, times } = planKinds(streams.length + 1, period);
        const streamName = `planReport-${country}-${activityId}-${period}`;
        const s = { streamName, country, activityId, period, kinds, times };
        streams.push(s);
        total += s.kinds.length;
      }
    }
  }
  const streamOf = new Uint32Array(total);
  const stepOf = new Uint8Array(total);
  const timeOf = new Float64Array(total);
  let n = 0;
  streams.forEach((s, i) =>
    s.kinds.forEach((_, k) => {
      streamOf[n] = i;
      stepOf[n] = k;
      timeOf[n] = s.times[k];
      n++;
    }),
  );
  const order = Uint32Array.from({ length: total }, (_, i) => i).sort(
    (x, y) => timeOf[x] - timeOf[y] || stepOf[x] - stepOf[y],
  );
  const hashes: string[] = new Array(streams.length).fill(GENESIS_HASH);
  const name = (s: StreamPlan) => s.streamName;
  for (let c = 0; c < total; c += CHUNK) {
    // one transaction per chunk of events in recorded-time order, across many streams (positions follow
    // the chunk order, as the store's own appends would); every event sealed into its stream's hash chain
    const cols: unknown[][] = Array.from({ length: 9 }, () => []);
    const heads = new Map<string, [number, string]>();
    for (let j = c; j < Math.min(total, c + CHUNK); j++) {
      const e = order[j];
      const si = streamOf[e];
      const s = streams[si];
      const step = stepOf[e];
      const recordedAt = new Date(timeOf[e]);
      const [sealed] = sealEvents(name(s), [eventOf(s, si + 1, step)], step, hashes[si], recordedAt);
      hashes[si] = sealed.metadata.hash;
      heads.set(name(s), [step, sealed.metadata.hash]);
      const row = [
        name(s),
        step,
        sealed.metadata.eventId,
        sealed.metadata.type,
        1,
        JSON.stringify(sealed.data),
        JSON.stringify(sealed.metadata),
        `{${s.country}}`,
        recordedAt,
      ];
      row.forEach((v, k) => cols[k].push(v));
    }
    await pool.query(
      `WITH ins AS (
         INSERT INTO "${schema}".events (position, stream_name, category, revision, event_id, type, schema_version, data, metadata, countries, recorded_at)
         SELECT (pg_current_xact_id()::text::bigint << ${POSITION_SHIFT}) + u.ord - 1, u.s, 'planReport', u.r, u.id, u.t, u.v, u.d::jsonb, u.m::jsonb, u.c::text[], u.at
           FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
                WITH ORDINALITY AS u(s, r, id, t, v, d, m, c, at, ord)
         RETURNING 1)
       INSERT INTO "${schema}".streams (stream_name, revision, last_hash)
       SELECT * FROM unnest($10::text[], $11::bigint[], $12::text[])
       ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash`,
      [
        ...cols,
        [...heads.keys()],
        [...heads.values()].map((h) => h[0]),
        [...heads.values()].map((h) => h[1]),
      ],
    );
    if ((c / CHUNK) % 20 === 0)
      process.stdout.write(`  generated ${fmt(Math.min(total, c + CHUNK))} / ${fmt(total)}\r`);
  }
  process.stdout.write('\n');
  return { events: total, streams: streams.length, first: timeOf[order[0]], last: timeOf[order[total - 1]] };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-plan-'));
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
  const rows: Array<Array<string | number>> = [];
  try {
    const url = await pg.createDatabase('bench');
    const store = await PostgresEventStore.connect({ url, poolSize: 4 });
    const pool = new Pool({ connectionString: url, max: WRITERS });
    console.log(
      `BENCH_EVENTS=${TARGET}: generating report histories for ${MEMBER_COUNTRIES.length} countries x ${PERIODS.length} periods`,
    );
    const gen = await timed(() => generate(pool, store.schema));
    const { events, streams, first, last } = gen.result;
    console.log(
      `generated ${fmt(events)} events in ${fmt(streams)} streams in ${fmt(gen.seconds, 1)} s (${fmt(events / gen.seconds)} events/s, generation only)`,
    );
    await pool.query(`VACUUM ANALYZE "${store.schema}".events`);

    // 1. as-of for one country at random instants, beside the raw SELECT of the same events
    const review = new PlanReview(store);
    const r = rng(20200630);
    const instants = Array.from({ length: AS_OF_SAMPLES }, () => new Date(first + r() * (last - first)));
    const rawAsOf = (at: Date) =>
      pool.query(
        `SELECT position, stream_name, revision, type, data, metadata FROM "${store.schema}".events
          WHERE countries @> ARRAY['${COUNTRY}']::text[] AND category = 'planReport' AND recorded_at <= $1 ORDER BY position`,
        [at],
      );
    const plan = await pool.query(
      `EXPLAIN SELECT position FROM "${store.schema}".events
        WHERE countries @> ARRAY['${COUNTRY}']::text[] AND category = ANY($1::text[]) AND recorded_at <= $2 AND position > $3 ORDER BY position LIMIT 100000`,
      [['planReport'], new Date(last), '-1'],
    );
    console.log(`as-of query plan: ${plan.rows.map((x) => x['QUERY PLAN']).join(' / ')}`);
    await review.stateAsOf(COUNTRY, instants[0]); // warm-up
    await rawAsOf(instants[0]);
    const asOfMs: number[] = [];
    const rawMs: number[] = [];
    let asOfEvents = 0;
    let rawEvents = 0;
    for (const [i, at] of instants.entries()) {
      // alternate the order so that caching and machine load hit both sides alike
      const runAsOf = async () => {
        const t = await timed(async () => {
          const events = await review.reportEvents(COUNTRY, at);
          countryStateAsOf(events, at, { country: COUNTRY });
          return events.length;
        });
        asOfMs.push(t.seconds * 1000);
        asOfEvents += t.result;
      };
      const runRaw = async () => {
        const t = await timed(() => rawAsOf(at));
        rawMs.push(t.seconds * 1000);
        rawEvents += t.result.rowCount ?? 0;
      };
      if (i % 2 === 0) await runAsOf().then(runRaw);
      else await runRaw().then(runAsOf);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    rows.push(
      [
        `as-of ${COUNTRY} p50 latency (ms), ${AS_OF_SAMPLES} instants, mean ${fmt(asOfEvents / AS_OF_SAMPLES)} events`,
        fmt(percentile(asOfMs, 50), 1),
        fmt(percentile(rawMs, 50), 1),
        fmt(percentile(rawMs, 50) / percentile(asOfMs, 50), 2),
      ],
      [
        `as-of ${COUNTRY} p95 latency (ms)`,
        fmt(percentile(asOfMs, 95), 1),
        fmt(percentile(rawMs, 95), 1),
        fmt(percentile(rawMs, 95) / percentile(asOfMs, 95), 2),
      ],
      [
        `as-of ${COUNTRY} events/s (read + fold vs raw SELECT)`,
        fmt(asOfEvents / (sum(asOfMs) / 1000)),
        fmt(rawEvents / (sum(rawMs) / 1000)),
        fmt(asOfEvents / (sum(asOfMs) / 1000) / (rawEvents / (sum(rawMs) / 1000)), 2),
      ],
    );

    // 2. full read-model rebuild beside a raw paged SELECT of every event
    const readAllRaw = () =>
      timed(async () => {
        let from = '-1';
        let n = 0;
        for (;;) {
          const page = await pool.query(
            `SELECT position::text AS position, stream_name, revision, type, data, metadata FROM "${store.schema}".events WHERE position > $1 ORDER BY position LIMIT 10000`,
            [from],
          );
          if (page.rows.length === 0) return n;
          n += page.rows.length;
          from = page.rows[page.rows.length - 1].position;
        }
      });
    // the raw read runs before AND after the rebuild (cold and warm cache alike for both sides)
    const rawBefore = await readAllRaw();
    const ds = await new DataSource({
      type: 'postgres',
      url,
      extra: { max: 4, options: `-c search_path=${READ_SCHEMA}` },
    }).initialize();
    const models = new PlanReadModels({
      store,
      dataSource: ds,
      clock: () => new Date(),
      log: (l) => console.warn(l),
    });
    const lastPos = BigInt(
      (await pool.query(`SELECT max(position)::text AS p FROM "${store.schema}".events`)).rows[0].p,
    );
    const progress = setInterval(
      () => process.stdout.write(`  rebuilding... position ${models.runner.position ?? '-'}\r`),
      10_000,
    );
    const rebuild = await timed(async () => {
      await models.rebuild();
      await models.start();
      await models.waitFor(lastPos);
    });
    clearInterval(progress);
    const rawAfter = await readAllRaw();
    const rawAll = {
      result: rawBefore.result + rawAfter.result,
      seconds: rawBefore.seconds + rawAfter.seconds,
    };
    await models.stop();
    const reportRows = (await ds.query(`SELECT count(*)::int AS n FROM ${READ_SCHEMA}.report_status`))[0].n;
    if (reportRows !== streams)
      throw new Error(`rebuild produced ${reportRows} report rows for ${streams} streams`);
    await ds.destroy();
    rows.push([
      `full rebuild events/s (${fmt(events)} events, ${fmt(streams)} report rows) vs raw SELECT of all events (pages of 10,000)`,
      fmt(events / rebuild.seconds),
      fmt(rawAll.result / rawAll.seconds),
      fmt(events / rebuild.seconds / (rawAll.result / rawAll.seconds), 3),
    ]);
    console.log(
      `rebuild took ${fmt(rebuild.seconds, 1)} s; raw read of all events ${fmt(rawBefore.seconds, 1)} s before, ${fmt(rawAfter.seconds, 1)} s after`,
    );
    await pool.end();
    await store.close();
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${table(['measure', 'plan service', 'raw pg', 'service / raw'], rows)}\n`);
  console.log('(latency rows: ratio = raw / service, higher is better; rate rows: service / raw)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
