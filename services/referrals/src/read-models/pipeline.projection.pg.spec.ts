import 'reflect-metadata';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { fixedClock } from '@crm/kernel';
import { handleOnce } from '@crm/projection';
import { createTestDatabase } from '@crm/testing';
import { DataSource } from 'typeorm';
import {
  ERASURE_STREAM_CATEGORY,
  PIPELINE_PROJECTION,
  READ_SCHEMA,
  referralPipelineProjection,
} from './pipeline.projection';
import { ReferralReadModels } from './referral-read-models';
import { eraseChild, testProtector } from './testing/referral-history';
import {
  CASE_A,
  CASE_B,
  CASE_C,
  NAMES,
  R1,
  R2,
  R3,
  R4,
  T,
  writePipelineScenario,
} from './testing/pipeline-scenario';

describe('referral pipeline projection on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  let ds: DataSource;
  let models: ReferralReadModels;
  const clock = fixedClock(T.now);
  let keep: ReturnType<typeof testProtector>;

  const dump = async () => ({
    referrals: await ds.query(`SELECT * FROM ${READ_SCHEMA}.referral_pipeline ORDER BY referral_id`),
    cases: await ds.query(`SELECT * FROM ${READ_SCHEMA}.referral_pipeline_cases ORDER BY case_id`),
  });
  const projected = () => store.readAll({ filter: referralPipelineProjection.filter });
  const caughtUp = async () => {
    const all = await projected();
    await models.waitFor(all[all.length - 1].position);
  };

  beforeAll(async () => {
    db = await createTestDatabase('referrals_read_models');
    store = await PostgresEventStore.connect({ url: db.url, clock, poolSize: 4 });
    keep = testProtector(store, fixedClock(T.erased));
    await writePipelineScenario(store, keep);
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      extra: { max: 4, options: `-c search_path=${READ_SCHEMA}` },
    }).initialize();
    models = new ReferralReadModels({ store, dataSource: ds, clock, log: () => undefined });
    await models.start();
    await caughtUp();
  });
  afterAll(async () => {
    await models?.stop();
    await ds?.destroy();
    await store?.close();
    await db?.drop();
  });

  it('projects one row per referral: pair, institutions, status, instants, open deadlines, reminders, escalations', async () => {
    const rows = await models.allRows();
    expect(rows.map((r) => [r.referralId, r.from.country, r.to.country, r.status])).toEqual([
      [R1, 'HN', 'GT', 'completed'],
      [R2, 'HN', 'MX', 'requested'],
      [R3, 'GT', 'MX', 'draft'],
      [R4, 'HN', 'GT', 'declined'],
    ]);
    expect(rows[0]).toMatchObject({
      caseId: CASE_A,
      sentAt: '2020-03-02T10:00:00.000Z',
      acknowledgedAt: '2020-03-02T14:00:00.000Z',
      acceptedAt: '2020-03-03T10:00:00.000Z',
      completedAt: '2020-03-05T10:00:00.000Z',
      steps: { acknowledge: null, decide: null, withdrawal: null },
      revision: 6, // the first follow-up records ReferralStarted and FollowUpReported
    });
    expect(rows[1]).toMatchObject({
      to: { country: 'MX', institutionId: 'MX-DIF' },
      reminders: 1,
      escalations: 1,
      steps: { acknowledge: { dueAt: T.r2EscalatedDue, level: 1 }, decide: { level: 0 } },
    });
    expect(rows[3]).toMatchObject({ declinedAt: '2020-03-01T20:00:00.000Z', acknowledgedAt: null });
    const [r2] = await ds.query(
      `SELECT next_due_at, escalation_level, countries FROM ${READ_SCHEMA}.referral_pipeline WHERE referral_id = $1`,
      [R2],
    );
    expect(r2).toEqual({
      next_due_at: new Date(T.r2EscalatedDue),
      escalation_level: 1,
      countries: ['HN', 'MX'],
    });
  });

  it('projects one row per case with the three indicators and the erased flag of PersonalDataErased', async () => {
    const cases = await models.allCases();
    expect(
      cases.map((c) => [
        c.caseId,
        c.country,
        c.current?.ageBand,
        c.current?.sex,
        c.current?.accompaniment,
        c.erased,
      ]),
    ).toEqual([
      [CASE_C, 'GT', '12-14', 'female', 'accompanied', false],
      [CASE_A, 'HN', '15-17', 'male', 'unaccompanied', true],
      [CASE_B, 'HN', '6-11', 'female', 'separated', false],
    ]);
    expect(cases[1].erasedAt).toBe(T.erased);
    const erasures = await store.readAll({ filter: { categories: [ERASURE_STREAM_CATEGORY] } });
    expect(erasures.map((e) => [e.type, (e.data as { subjectId: string }).subjectId])).toEqual([
      ['PersonalDataErased', `child-${CASE_A}`],
    ]);
  });

  it('copies nothing identifying or encrypted: no name, date of birth, ciphertext or key subject in any row', async () => {
    const stored = JSON.stringify(
      (await store.readAll({ filter: { categories: ['referralCase'] } })).map((e) => e.data),
    );
    const tables = JSON.stringify(await dump());
    const ciphertexts = [...stored.matchAll(/"ct":"([^"]+)"/g)].map((m) => m[1]);
    expect(ciphertexts.length).toBeGreaterThanOrEqual(9);
    for (const ct of ciphertexts) expect(tables).not.toContain(ct);
    for (const names of Object.values(NAMES))
      for (const value of Object.values(names)) {
        expect(stored).not.toContain(value); // encrypted in the events too
        expect(tables).not.toContain(value);
      }
    expect(tables).not.toMatch(/child-|"kid"|"iv"|consent-1|violence|MX-CHP/);
  });

  it('is unchanged by re-delivered events, past the processed ids too', async () => {
    const before = await dump();
    const events = await projected();
    for (const e of events) {
      const r = await handleOnce(
        ds,
        {
          consumer: PIPELINE_PROJECTION,
          eventId: e.metadata.eventId,
          position: e.position,
          schema: READ_SCHEMA,
        },
        (m) => referralPipelineProjection.handle(e, m),
      );
      expect(r.applied).toBe(false);
    }
    await ds.transaction(async (m) => {
      for (const e of events) await referralPipelineProjection.handle(e, m);
    });
    expect(await dump()).toEqual(before);
  });

  it('a rebuild from scratch gives identical tables; an erasure repeated later keeps the first instant', async () => {
    const before = await dump();
    await ds.query(`UPDATE ${READ_SCHEMA}.referral_pipeline SET status = 'draft', reminders = 7`);
    await ds.query(`DELETE FROM ${READ_SCHEMA}.referral_pipeline_cases WHERE case_id = $1`, [CASE_A]);
    await models.rebuild();
    await caughtUp();
    expect(await dump()).toEqual(before);

    // erasing again (same event id) records nothing new; erasing another child sets only that child's flag
    await eraseChild(keep, CASE_A);
    await eraseChild(testProtector(store, fixedClock('2020-03-08T00:00:00.000Z')), CASE_C);
    await caughtUp();
    const cases = await models.allCases();
    expect(cases.map((c) => [c.caseId, c.erased, c.erasedAt])).toEqual([
      [CASE_C, true, '2020-03-08T00:00:00.000Z'],
      [CASE_A, true, T.erased],
      [CASE_B, false, null],
    ]);
  });
});
