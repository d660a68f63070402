/**
 * Plan benchmark: as-of review latency for one country and the full read-model rebuild, each beside the raw
 * PostgreSQL read of the same events in the same run, on a throwaway embedded PostgreSQL.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only tests/bench/plan.ts     (npm run bench:plan)
 *   BENCH_EVENTS=50000 ... for a quick run (default 1,000,000 events)
 *
 * Generation writes realistic report histories (drafts, submissions on time and late, approvals, returns,
 * reopenings) for 11 countries x 12 semesters x N synthetic activities, one append per command in
 * recorded-time order, sealed with the store's `sealEvents` (the same hash chain) and written in one multi-stream
 * INSERT per 5,000 events (the store's own one-statement append shape, positions = transaction id << 14 + index).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@crm/config';
import { GENESIS_HASH, sealEvents, type Actor, type NewEvent } from '@crm/event-store';
import { POSITION_SHIFT, PostgresEventStore } from '@crm/event-store-postgres';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  countryStateAsOf,
  defaultWindow,
  IMPLEMENTATION_STATUSES,
  planPeriods,
  PlanReadModels,
  PlanReview,
  READ_SCHEMA,
  type ReportingPeriod,
} from '@crm/plan';
import { fmt, percentile, table, timed } from './bench-util';

const TARGET = Math.max(1000, Number(process.env.BENCH_EVENTS ?? '1000000') || 1_000_000);
const AS_OF_SAMPLES = Number(process.env.BENCH_ASOF_SAMPLES ?? '50') || 50;
const WRITERS = 8;
const CHUNK = 5000;
const COUNTRY: CountryCode = 'HN';
const PERIODS = planPeriods({ from: 2017, to: 2022 }); // the semesters of the plan 2017-2022
const OBJECTIVES = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'D' | 'S' | 'A' | 'R' | 'O'; // drafted, submitted, approved, returned, reopened
interface StreamPlan {
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
  kinds: Kind[];
  times: number[];
}

const DAY = 86_400_000;

/** One report's history: drafts, then submit, then approve / return-and-resubmit / reopen, times increasing. */
function planStream(
  seed: number,
  country: CountryCode,
  activityId: string,
  period: ReportingPeriod,
): StreamPlan {
  const r = rng(seed);
  const w = defaultWindow(period);
  const opens = Date.parse(w.opensAt);
  const closes = Date.parse(w.closesAt);
  const kinds: Kind[] = [];
  const times: number[] = [];
  let t = opens - (60 + r() * 90) * DAY;
  const add = (k: Kind, gapDays: number) => {
    t += Math.max(60_000, gapDays * DAY * (0.2 + r()));
    kinds.push(k);
    times.push(Math.round(t));
  };
  const drafts = 1 + Math.floor(r() * 4);
  for (let i = 0; i < drafts; i++) add('D', 12);
  if (r() < 0.05) return { country, activityId, period, kinds, times };
  t = Math.max(t, r() < 0.8 ? opens + r() * (closes - opens - DAY) : closes + r() * 60 * DAY);
  add('S', 0.1);
  const outcome = r();
  if (outcome < 0.2) {
    add('R', 10);
    add('D', 5);
    add('S', 3);
    add('A', 10);
  } else if (outcome < 0.9) add('A', 12);
  if (kinds[kinds.length - 1] === 'A' && r() < 0.12) {
    add('O', 60);
    add('D', 5);
    add('S', 3);
    add('A', 10);
  }
  return { country, activityId, period, kinds, times };
}

function content(seed: number, draft: number) {
  const status = IMPLEMENTATION_STATUSES[(seed + draft) % IMPLEMENTATION_STATUSES.length];
  return {
    status,
    narrative: {
      es: `Avance ${draft + 1}: talleres con funcionarios consulares y mesas interinstitucionales de protección.`,
    },
    evidence: [`https://example.org/informes/${seed}/${draft}.pdf`],
    indicators: [{ indicator: 'talleres', value: (seed + draft) % 7 }],
  };
}

/** The event of step `i` of a stream (data shaped like the report decider's). */
function eventOf(s: StreamPlan, seed: number, i: number): NewEvent {
  const key = { country: s.country, activityId: s.activityId, period: s.period };
  const at = new Date(s.times[i]).toISOString();
  const official: Actor = {
    subject: `dev|${s.country.toLowerCase()}.reporting_officer`,
    role: 'reporting_officer',
    country: s.country,
    institution: `${s.country}/MRE`,
  };
  const st: Actor = {
    subject: 'dev|st.coordinator',
    role: 'secretariat_coordinator',
    country: 'ST' as const,
    institution: 'ST-CRM',
  };
  const drafts = s.kinds.slice(0, i).filter((k) => k === 'D').length;
  const approvals = s.kinds.slice(0, i).filter((k) => k === 'A').length;
  const w = defaultWindow(s.period);
  let type: string;
  let data: Record<string, unknown>;
  let actor: Actor = official;
  switch (s.kinds[i]) {
    case 'D':
      type = 'ReportDrafted';
      data = {
        ...key,
        catalogueVersion: '2017-2022@1',
        content: content(seed, drafts),
        savedAt: at,
        savedBy: official.subject,
      };
      break;
    case 'S':
      type = 'ReportSubmitted';
      data = {
        ...key,
        submittedAt: at,
        submittedBy: official.subject,
        late: s.times[i] >= Date.parse(w.closesAt),
        window: w,
      };
      break;
    case 'A':
      type = 'ReportApproved';
      actor = st;
      data = { ...key, approvedAt: at, approvedBy: st.subject, version: approvals + 1, comments: null };
      break;
    case 'R':
      type = 'ReportReturned';
      actor = st;
      data = { ...key, returnedAt: at, returnedBy: st.subject, comments: { es: 'Complete la evidencia.' } };
      break;
    default:
      type = 'ReportReopened';
      actor = st;
      data = {
        ...key,
        reopenedAt: at,
        reopenedBy: st.subject,
        reason: { es: 'Cifras corregidas.' },
        previousApproved: {
          version: approvals,
          content: content(seed, drafts - 1),
          catalogueVersion: '2017-2022@1',
          submittedAt: at,
          late: false,
          approvedAt: at,
          approvedBy: st.subject,
          comments: null,
        },
      };
  }
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    occurredAt: at,
    actor,
    countries: [s.country],
    correlationId: randomUUID(),
    causationId: null,
  };
}

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
        const s = planStream(streams.length + 1, country, activityId, period);
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
  const name = (s: StreamPlan) => `planReport-${s.country}-${s.activityId}-${s.period}`;
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
    await ds.query(`CREATE SCHEMA IF NOT EXISTS ${READ_SCHEMA}`);
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
