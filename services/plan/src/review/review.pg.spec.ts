import { fold } from '@crm/decider';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { fixedClock } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import { Client } from 'pg';
import { liveActivities } from '../catalogue/domain';
import { reportDecider, type ReportEvent } from '../reports/domain';
import { PLAN_ID, RETIRED_ACTIVITY, T, writeScenario } from '../read-models/testing/scenario';
import { catalogueAsOf } from './catalogue-as-of';
import { PlanReview, renderHistory } from './plan-review';

describe('as-of review, history and verification on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  let review: PlanReview;
  const clock = fixedClock(T.imported);

  beforeAll(async () => {
    db = await createTestDatabase('plan_review');
    store = await PostgresEventStore.connect({ url: db.url, clock, poolSize: 4 });
    await writeScenario(store, clock);
    review = new PlanReview(store);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  /** The reference: every HN report stream read whole, cut at T by recorded time, folded. */
  async function referenceAt(at: string) {
    const all = await store.readAll();
    const streams = [
      ...new Set(all.filter((e) => e.streamName.startsWith('planReport-HN-')).map((e) => e.streamName)),
    ];
    const out: Record<string, { workflow: string; status: string | null; versions: number }> = {};
    for (const s of streams) {
      const events = (await store.readStream(s)).filter(
        (e) => Date.parse(e.metadata.recordedAt) <= Date.parse(at),
      );
      if (events.length === 0) continue;
      const state = fold(
        reportDecider,
        events.map((e) => ({ type: e.type, data: e.data }) as ReportEvent),
      );
      out[s] = {
        workflow: state.workflow,
        status: state.content?.status ?? null,
        versions: state.versions.length,
      };
    }
    return out;
  }

  it('the state at T equals a fold of the events recorded up to T, at every recorded instant and around it', async () => {
    const instants = new Set<string>();
    for (const e of await store.readAll({ filter: { country: 'HN' } })) {
      const t = Date.parse(e.metadata.recordedAt);
      for (const d of [-1, 0, 1]) instants.add(new Date(t + d).toISOString());
    }
    instants.add(T.imported);
    instants.add(T.end);
    expect(instants.size).toBeGreaterThan(20);
    for (const at of instants) {
      const state = await review.stateAsOf('HN', new Date(at));
      const got = Object.fromEntries(
        state.reports.map((r) => [
          r.streamName,
          { workflow: r.workflow, status: r.status, versions: r.state.versions.length },
        ]),
      );
      expect({ at, got }).toEqual({ at, got: await referenceAt(at) });
    }
  });

  it('a change recorded after T does not show at T', async () => {
    const atMid = await review.stateAsOf('HN', new Date(T.mid));
    const now = await review.stateAsOf('HN', new Date(T.end));
    const mid2 = atMid.reports.find((r) => r.activityId === 'IV.1.1.2')!;
    const end2 = now.reports.find((r) => r.activityId === 'IV.1.1.2')!;
    expect([mid2.workflow, end2.workflow]).toEqual(['submitted', 'returned']);
    const mid1 = atMid.reports.find((r) => r.activityId === 'IV.1.1.1')!;
    expect([mid1.workflow, mid1.state.changedAfterApproval]).toEqual(['approved', false]);
    expect(atMid.reports.every((r) => Date.parse(r.lastRecordedAt) <= Date.parse(T.mid))).toBe(true);
  });

  it('catalogueAsOf: an amendment recorded after T does not change the catalogue seen at T', async () => {
    const before = await catalogueAsOf(store, PLAN_ID, T.mid);
    const after = await catalogueAsOf(store, PLAN_ID, T.end);
    expect([before.version, after.version]).toEqual([1, 2]);
    expect(liveActivities(before).map((a) => a.id)).toContain(RETIRED_ACTIVITY);
    expect(liveActivities(after).map((a) => a.id)).not.toContain(RETIRED_ACTIVITY);
    expect(liveActivities(after)).toHaveLength(liveActivities(before).length - 1);
    expect((await catalogueAsOf(store, PLAN_ID, '2019-12-31T23:59:59Z')).catalogue).toBeNull();
  });

  it('renders the chronological history in JSON, CSV and Markdown, within [from, to]', async () => {
    const entries = await review.history('HN');
    expect(entries.map((e) => e.event)).toEqual([
      'ReportDrafted',
      'ReportDrafted',
      'ReportSubmitted',
      'ReportSubmitted',
      'ReportApproved',
      'ReportReturned',
      'ReportReopened',
      'ReportDrafted',
      'ReportSubmitted',
    ]);
    expect([...entries].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))).toEqual(entries);
    const ranged = await review.history('HN', {
      from: new Date('2020-07-10T14:05:00Z'),
      to: new Date(T.mid),
    });
    expect(ranged.map((e) => e.event)).toEqual(['ReportSubmitted', 'ReportApproved']);

    expect(JSON.parse(renderHistory(entries, 'json', 'es').body)).toEqual(entries);
    const csv = renderHistory(entries, 'csv', 'en');
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(entries.length + 1);
    expect(lines[1]).toContain(entries[0].eventId);
    const md = renderHistory(entries, 'markdown', 'es');
    const mdLines = md.body.trim().split('\n');
    expect(mdLines).toHaveLength(entries.length + 2);
    expect(mdLines[1]).toMatch(/^\|( --- \|)+$/);
    expect(md.body).toContain('Cifras corregidas por el ministerio.');
  });

  it('verification passes on an intact history and reports the first altered event after a direct SQL UPDATE', async () => {
    const ok = await review.verify('HN');
    expect(ok).toMatchObject({ ok: true, country: 'HN', streams: 2, checked: 9 });
    const target = (await store.readStream('planReport-HN-IV.1.1.2-2020-S1'))[1];
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query(
        `UPDATE event_store.events SET data = jsonb_set(data, '{late}', 'true') WHERE event_id = $1`,
        [target.metadata.eventId],
      );
      const broken = await review.verify('HN');
      expect(broken).toMatchObject({
        ok: false,
        problem: 'altered',
        streamName: 'planReport-HN-IV.1.1.2-2020-S1',
        revision: 1,
        eventId: target.metadata.eventId,
      });
      expect((await review.verify('GT')).ok).toBe(true);
    } finally {
      await sql.query(`UPDATE event_store.events SET data = $2 WHERE event_id = $1`, [
        target.metadata.eventId,
        JSON.stringify(target.data),
      ]);
      await sql.end();
    }
    expect((await review.verify('HN')).ok).toBe(true);
  });

  it("verification reports a report stream whose newest event was deleted in SQL (against the stream's head)", async () => {
    const stream = 'planReport-HN-IV.1.1.2-2020-S1';
    const events = await store.readStream(stream);
    const newest = events[events.length - 1];
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const row = (
        await sql.query(`SELECT * FROM event_store.events WHERE event_id = $1`, [newest.metadata.eventId])
      ).rows[0];
      await sql.query(`DELETE FROM event_store.events WHERE event_id = $1`, [newest.metadata.eventId]);
      expect(await review.verify('HN')).toMatchObject({
        ok: false,
        problem: 'removed',
        streamName: stream,
        revision: newest.revision,
        eventId: events[events.length - 2].metadata.eventId,
      });
      const columns = Object.keys(row);
      await sql.query(
        `INSERT INTO event_store.events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) =>
          row[c] !== null && typeof row[c] === 'object' && !(row[c] instanceof Date) && !Array.isArray(row[c])
            ? JSON.stringify(row[c])
            : row[c],
        ),
      );
    } finally {
      await sql.end();
    }
    expect((await review.verify('HN')).ok).toBe(true);
  });
});
