import { fixedClock, MEMBER_COUNTRIES } from '@crm/kernel';
import type { TestService } from '@crm/service-testing';
import { auditSuppression, oneWayTable, twoWayTable, type LinearTable } from '@crm/small-cells';
import { startTestReferralsService } from '../../test/support';
import { ACCOMPANIMENTS, AGE_BANDS, SEXES } from '../cases/domain';
import { referralPipelineProjection } from './pipeline.projection';
import { ReferralReadModelsModule } from './read-models.module';
import { ReferralReadModels } from './referral-read-models';
import {
  correctIndicators,
  encryptedIdentity,
  eraseChild,
  registerCase,
  testProtector,
  writeReferral,
} from './testing/referral-history';
import { generateReferrals } from './testing/generated-referrals';
import { intruderIntervals, tableStructure } from './testing/intruder-audit';
import {
  AGGREGATE_TABLE_NAMES,
  PROTECTION_WIDTH,
  THRESHOLD,
  type AggregatesView,
  type AggregateTableName,
  type PublishedTable,
} from './views/aggregates';
import { AGGREGATE_STATUSES, type ReferredChild } from './views/referred-children';
import { parseSemester } from './views/semester';

/**
 * The issue's suppression tests on the service's real aggregates: a seeded, realistic set of referrals across
 * country pairs written as real events, the aggregates asked for over HTTP, and every published table audited
 * (1) for no published count from 1 to 9, (2) by an intruder's linear programs built from the published
 * response alone (testing/intruder-audit.ts, not the suppression code): every hidden cell of 1 to 9 children
 * has a range of at least PROTECTION_WIDTH (10) counts, every other hidden cell is not pinned, (3) by
 * @crm/small-cells' auditSuppression on the true table (recounted from the generator's own plan).
 */
describe('Secretariat aggregates: small-cell suppression audited on generated referrals (HTTP, PostgreSQL)', () => {
  const S1 = parseSemester('2020-S1');
  const S2 = parseSemester('2020-S2');
  const world = generateReferrals(20200701, [
    { semester: S1, children: 420 },
    { semester: S2, children: 140 },
  ]);
  const clock = fixedClock(world.after);
  let t: TestService;
  const responses = new Map<string, AggregatesView>();
  const ciphertexts: string[] = [];

  const aggregates = async (period: string, user = 'st.analyst'): Promise<AggregatesView> => {
    const res = await t
      .http()
      .get(`/referrals/dashboards/aggregates?period=${period}`)
      .set('Authorization', await t.bearer(user));
    expect(res.status).toBe(200);
    return res.body as AggregatesView;
  };

  beforeAll(async () => {
    t = await startTestReferralsService({
      clock,
      features: [ReferralReadModelsModule],
      prefix: 'referrals_cells',
    });
    const store = t.service.platform.store;
    const protector = testProtector(store, clock);
    for (const c of world.cases) {
      const identifying = await encryptedIdentity(protector, c.caseId, c.names);
      ciphertexts.push(...Object.values(identifying.fields).map((f) => f!.ct));
      await registerCase(store, { ...c, identifying });
    }
    for (const referral of world.referrals) await writeReferral(store, referral);
    for (const c of world.cases) {
      if (c.correctedAgeBand)
        await correctIndicators(store, { ...c, registeredAt: c.at, ...c.correctedAgeBand });
      if (c.erased) await eraseChild(protector, c.caseId);
    }
    const all = await store.readAll({ filter: referralPipelineProjection.filter });
    await t.service.app.get(ReferralReadModels).waitFor(all[all.length - 1].position);
    for (const semester of [S1, S2]) responses.set(semester.period, await aggregates(semester.period));
  });
  afterAll(() => t?.stop());

  /** The true counts of a table, recounted from the generator's plan (not from the read model). */
  function trueTable(name: AggregateTableName, units: ReferredChild[]): LinearTable {
    const count = (pred: (u: ReferredChild) => boolean) => units.filter(pred).length;
    const oneWay = (codes: readonly string[], field: 'status' | 'ageBand' | 'sex' | 'accompaniment') =>
      oneWayTable(
        codes,
        codes.map((code) => count((u) => u[field] === code)),
      );
    switch (name) {
      case 'countries':
        return twoWayTable({
          rows: [...MEMBER_COUNTRIES],
          columns: [...MEMBER_COUNTRIES],
          counts: MEMBER_COUNTRIES.map((f) =>
            MEMBER_COUNTRIES.map((to) => count((u) => u.from === f && u.to === to)),
          ),
        });
      case 'status':
        return oneWay(AGGREGATE_STATUSES, 'status');
      case 'ageBand':
        return oneWay(Object.keys(AGE_BANDS), 'ageBand');
      case 'sex':
        return oneWay(Object.keys(SEXES), 'sex');
      case 'accompaniment':
        return oneWay(Object.keys(ACCOMPANIMENTS), 'accompaniment');
    }
  }
  const trueValues = (table: LinearTable): Map<string, number> => {
    const inner = new Map(table.inner.map((c) => [c.id, c.value]));
    return new Map([
      ...inner,
      ...table.totals.map(
        (s) => [s.id, s.of.reduce((sum, id) => sum + inner.get(id)!, 0)] as [string, number],
      ),
    ]);
  };
  const hiddenIds = (table: PublishedTable) =>
    Object.entries(table.cells)
      .filter(([, c]) => 'suppressed' in c)
      .map(([id]) => id);

  it.each(['2020-S1', '2020-S2'])(
    '%s: the published counts are the true ones, and none is from 1 to 9',
    (period) => {
      const view = responses.get(period)!;
      expect(view).toMatchObject({
        period,
        threshold: THRESHOLD,
        protectionWidth: PROTECTION_WIDTH,
        totalsPublished: true,
      });
      const units = world.truth(parseSemester(period));
      expect(view.tables.countries.cells['*|*']).toEqual({ value: units.length });
      for (const name of AGGREGATE_TABLE_NAMES) {
        const table = view.tables[name];
        const truth = trueValues(trueTable(name, units));
        expect(new Set(Object.keys(table.cells))).toEqual(new Set(truth.keys()));
        for (const [id, cell] of Object.entries(table.cells)) {
          if ('value' in cell) {
            expect([id, cell.value]).toEqual([id, truth.get(id)]);
            expect(cell.value === 0 || cell.value >= THRESHOLD).toBe(true);
          } else expect(cell).toEqual({ suppressed: true });
        }
      }
    },
  );

  it.each(['2020-S1', '2020-S2'])(
    '%s: an intruder with every published value cannot narrow a hidden small cell to fewer than 10 counts, nor pin any hidden cell',
    (period) => {
      const view = responses.get(period)!;
      const units = world.truth(parseSemester(period));
      let smallHidden = 0;
      for (const name of AGGREGATE_TABLE_NAMES) {
        const truth = trueValues(trueTable(name, units));
        for (const interval of intruderIntervals(view.tables[name])) {
          const value = truth.get(interval.id)!;
          const width = interval.max === null ? Infinity : interval.max - interval.min;
          expect({
            table: name,
            ...interval,
            inside: interval.min <= value && (interval.max ?? Infinity) >= value,
          }).toMatchObject({ inside: true });
          if (value >= 1 && value < THRESHOLD) {
            smallHidden += 1;
            expect({ table: name, id: interval.id, width, wide: width >= PROTECTION_WIDTH }).toMatchObject({
              wide: true,
            });
          } else
            expect({ table: name, id: interval.id, pinned: width === 0 }).toMatchObject({ pinned: false });
        }
      }
      // the audit is not vacuous: the generated data has many small cells
      expect(smallHidden).toBeGreaterThanOrEqual(period === '2020-S1' ? 20 : 15);
    },
  );

  it.each(['2020-S1', '2020-S2'])(
    '%s: the library audit of the true tables with the published pattern finds nothing',
    (period) => {
      const view = responses.get(period)!;
      const units = world.truth(parseSemester(period));
      for (const name of AGGREGATE_TABLE_NAMES) {
        const audit = auditSuppression(trueTable(name, units), hiddenIds(view.tables[name]), {
          threshold: THRESHOLD,
          protectionWidth: PROTECTION_WIDTH,
        });
        expect({
          table: name,
          below: audit.publishedBelowThreshold,
          derivable: audit.derivable,
          under: audit.underProtected,
        }).toEqual({
          table: name,
          below: [],
          derivable: [],
          under: [],
        });
      }
    },
  );

  it('the intruder audit catches a leak: publishing one hidden cell of the real table makes it fail', () => {
    const view = responses.get('2020-S1')!;
    const units = world.truth(S1);
    const truth = trueValues(trueTable('countries', units));
    const table = view.tables.countries;
    const small = hiddenIds(table).find(
      (id) => !id.includes('*') && truth.get(id)! >= 1 && truth.get(id)! < THRESHOLD,
    )!;
    const row = small.split('|')[0];
    // reveal every other hidden cell of that row: the row total then pins the small cell
    const leaked: PublishedTable = {
      ...table,
      cells: Object.fromEntries(
        Object.entries(table.cells).map(([id, cell]) =>
          id.startsWith(`${row}|`) && id !== small ? [id, { value: truth.get(id)! }] : [id, cell],
        ),
      ),
    };
    leaked.cells[`${row}|*`] = { value: truth.get(`${row}|*`)! };
    const interval = intruderIntervals(leaked).find((i) => i.id === small)!;
    expect(interval).toEqual({ id: small, min: truth.get(small), max: truth.get(small) });
    expect(tableStructure(table).inner).toHaveLength(121);
  });

  it('is the same table for a country official and on every request (an ended semester never changes)', async () => {
    const again = await aggregates('2020-S1', 'hn.reporting_officer');
    expect(again).toEqual(responses.get('2020-S1'));
    await t
      .http()
      .post('/referrals/read-models/rebuild')
      .set('Authorization', await t.bearer('st.coordinator'))
      .expect(200);
    expect(await aggregates('2020-S1')).toEqual(responses.get('2020-S1'));
  });

  it('the responses hold no case or referral id, no name, ciphertext or key subject: only the documented fields', () => {
    const text = JSON.stringify([...responses.values()]);
    expect(ciphertexts.length).toBe(world.cases.length * 3);
    for (const ct of ciphertexts) expect(text).not.toContain(ct);
    for (const c of world.cases) {
      expect(text).not.toContain(c.caseId);
      expect(text).not.toContain(c.caseId.slice(3));
      for (const v of Object.values(c.names)) expect(text).not.toContain(v);
    }
    for (const r of world.referrals) expect(text).not.toContain(r.referralId);
    expect(text).not.toMatch(/child-|PROTECCION|"ct"|"kid"|reason|primary|secondary/);
    for (const view of responses.values()) {
      expect(Object.keys(view).sort()).toEqual([
        'period',
        'protectionWidth',
        'tables',
        'threshold',
        'totalsPublished',
        'unit',
      ]);
      expect(Object.keys(view.tables).sort()).toEqual([...AGGREGATE_TABLE_NAMES].sort());
      for (const table of Object.values(view.tables)) {
        const labels = new Set([
          ...(table.rows ?? []),
          ...(table.columns ?? []),
          ...(table.categories ?? []),
          '*',
        ]);
        for (const [id, cell] of Object.entries(table.cells)) {
          expect(id.split('|').every((part) => labels.has(part))).toBe(true);
          expect(Object.keys(cell)).toEqual('value' in cell ? ['value'] : ['suppressed']);
        }
      }
    }
  });
});
