import 'reflect-metadata';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { fixedClock, MEMBER_COUNTRIES } from '@crm/kernel';
import { handleOnce } from '@crm/projection';
import { createTestDatabase } from '@crm/testing';
import { DataSource } from 'typeorm';
import { dashboardProjection, DASHBOARD_PROJECTION, READ_SCHEMA } from './dashboard.projection';
import { PlanReadModels } from './plan-read-models';
import { PERIOD, RETIRED_ACTIVITY, T, writeScenario } from './testing/scenario';

describe('plan read models (dashboard projection on PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  let ds: DataSource;
  let models: PlanReadModels;
  const clock = fixedClock(T.imported);

  const dump = async () => ({
    rows: await ds.query(`SELECT * FROM ${READ_SCHEMA}.report_status ORDER BY stream_name`),
    cells: await ds.query(
      `SELECT * FROM ${READ_SCHEMA}.matrix_cells ORDER BY period, country, objective, status`,
    ),
  });
  const lastPosition = async () => {
    const all = await store.readAll({ filter: { categories: ['planReport'] } });
    return all[all.length - 1].position;
  };

  beforeAll(async () => {
    db = await createTestDatabase('plan_read_models');
    store = await PostgresEventStore.connect({ url: db.url, clock, poolSize: 4 });
    await writeScenario(store, clock);
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      extra: { max: 4, options: `-c search_path=${READ_SCHEMA}` },
    }).initialize();
    models = new PlanReadModels({ store, dataSource: ds, clock, log: () => undefined });
    await models.start();
    await models.waitFor(await lastPosition());
  });
  afterAll(async () => {
    await models?.stop();
    await ds?.destroy();
    await store?.close();
    await db?.drop();
  });

  it('projects one row per report with workflow, reported/approved status and first-submission lateness', async () => {
    const rows = await models.allRows();
    const brief = rows.map((r) => [
      r.country,
      r.activityId,
      r.workflow,
      r.contentStatus,
      r.reportedStatus,
      r.approvedStatus,
      r.firstLate,
      r.lastLate,
      r.changedAfterApproval,
    ]);
    expect(brief).toEqual([
      ['GT', 'IV.1.1.1', 'submitted', 'completed', 'completed', null, false, false, false],
      ['HN', 'IV.1.1.1', 'submitted', 'completed', 'completed', 'in_progress', false, true, true],
      ['HN', 'IV.1.1.2', 'returned', 'completed', 'completed', null, false, false, false],
      ['SV', 'V.1.1.1', 'submitted', 'delayed', 'delayed', null, true, true, false],
    ]);
    expect(rows.find((r) => r.streamName === 'planReport-HN-IV.1.1.1-2020-S1')).toMatchObject({
      objective: 'IV',
      period: PERIOD,
      revision: 5,
      approvedVersions: 1,
    });
  });

  it('gives the country x objective matrix with completion % over the live catalogue', async () => {
    const m = await models.matrix(PERIOD, [...MEMBER_COUNTRIES]);
    expect(m.countries.map((c) => c.country)).toEqual([...MEMBER_COUNTRIES]);
    const hn = m.countries.find((c) => c.country === 'HN')!;
    const liveIv = m.countries[0].objectives.IV.activities;
    expect(hn.objectives.IV).toEqual({
      activities: liveIv,
      reported: 2,
      byStatus: expect.objectContaining({ completed: 2, in_progress: 0 }),
    });
    expect(hn.activities).toBe(95); // 96 activities, XVI.2.2.5 retired
    expect(hn.completed).toBe(2);
    expect(hn.completionPct).toBe(Math.round((2 / 95) * 1000) / 10);
    const sv = m.countries.find((c) => c.country === 'SV')!;
    expect(sv.objectives.V.byStatus.delayed).toBe(1);
    expect(sv.completed).toBe(0);
    const others = m.countries.filter((c) => !['HN', 'GT', 'SV'].includes(c.country));
    expect(others.every((c) => c.reported === 0)).toBe(true);
    expect((await models.matrix(PERIOD, ['GT'])).countries).toEqual([
      expect.objectContaining({ country: 'GT', reported: 1, completed: 1 }),
    ]);
  });

  it('computes timeliness at query time: on time / late / missing after the window closed, pending before', async () => {
    const t = await models.timeliness(PERIOD, ['HN', 'GT', 'SV', 'MX']);
    expect(t.windowClosed).toBe(true);
    expect(t.window).toMatchObject({
      opensAt: '2020-07-01T00:00:00.000Z',
      closesAt: '2020-08-01T00:00:00.000Z',
      scheduled: false,
    });
    const by = Object.fromEntries(
      t.countries.map((c) => [c.country, [c.activities, c.onTime, c.late, c.missing, c.pending]]),
    );
    // HN IV.1.1.1 was first submitted on time: a later late resubmission does not make it late
    expect(by).toEqual({
      HN: [95, 2, 0, 93, 0],
      GT: [95, 1, 0, 94, 0],
      SV: [95, 0, 1, 94, 0],
      MX: [95, 0, 0, 95, 0],
    });
    expect(t.countries.find((c) => c.country === 'SV')!.lateActivities).toEqual(['V.1.1.1']);
    expect(t.countries[0].missingActivities).not.toContain(RETIRED_ACTIVITY);

    clock.set('2020-07-15T00:00:00.000Z'); // before the close: nothing is missing yet
    const open = await models.timeliness(PERIOD, ['MX']);
    clock.set(T.end);
    expect(open.countries[0]).toMatchObject({ missing: 0, pending: 95 });
  });

  it('summarises one activity across countries', async () => {
    const s = await models.activity('IV.1.1.1', PERIOD, [...MEMBER_COUNTRIES]);
    const p = s.periods[0];
    expect(p.byWorkflow).toEqual({ none: 9, draft: 0, submitted: 2, approved: 0, returned: 0 });
    expect(p.byStatus.completed).toBe(2);
    expect(p.countries.find((c) => c.country === 'HN')).toMatchObject({
      workflow: 'submitted',
      approvedStatus: 'in_progress',
      changedAfterApproval: true,
      late: false,
    });
    const all = await models.activity('IV.1.1.1', undefined, ['HN']);
    expect(all.periods.map((x) => x.period)).toEqual([PERIOD]);
    await expect(models.activity('IV.9.9.9', PERIOD, ['HN'])).rejects.toMatchObject({
      code: 'plan.dashboard.unknown_activity',
      kind: 'not_found',
    });
  });

  it('is unchanged by redelivered events, and a rebuild from scratch gives identical tables', async () => {
    const before = await dump();
    const events = await store.readAll({ filter: { categories: ['planReport'] } });
    for (const e of events) {
      const r = await handleOnce(
        ds,
        {
          consumer: DASHBOARD_PROJECTION,
          eventId: e.metadata.eventId,
          position: e.position,
          schema: READ_SCHEMA,
        },
        (m) => dashboardProjection.handle(e, m),
      );
      expect(r.applied).toBe(false);
    }
    // even past the processed-id check, an event at or below the row's revision changes nothing
    await ds.transaction((m) => dashboardProjection.handle(events[0], m));
    expect(await dump()).toEqual(before);

    await ds.query(`UPDATE ${READ_SCHEMA}.matrix_cells SET activities = 99`);
    await ds.query(`DELETE FROM ${READ_SCHEMA}.report_status WHERE country = 'GT'`);
    await models.rebuild();
    await models.waitFor(await lastPosition());
    expect(await dump()).toEqual(before);
  });
});
