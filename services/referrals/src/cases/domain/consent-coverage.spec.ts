import { consentChange, consentCoverage, lostCoverage, type CoverageQuery } from './consent';
import type { CaseEvent } from './events';
import { commands, ctx, history, indicators, scope, stateOf } from './test-support';

const toGuatemala: CoverageQuery = {
  country: 'GT',
  institutionId: 'GT-SBS',
  categories: ['identity', 'health', 'narrative'],
  purpose: 'family_reunification',
  on: '2020-07-15',
};
const toOrr: CoverageQuery = { ...toGuatemala, country: 'US', institutionId: 'US-ORR' };
const childConsent = history(commands.register(), commands.consent('c-child'));
const covered = (events: CaseEvent[], query: CoverageQuery = toGuatemala) =>
  consentCoverage(stateOf(events), query).covered;

describe('consentCoverage', () => {
  it("the child's consent covers its categories, purposes and recipients", () => {
    expect(consentCoverage(stateOf(childConsent), toGuatemala)).toEqual({
      covered: ['identity', 'health'],
      uncovered: ['narrative'],
      consentIds: ['c-child'],
    });
  });

  it('a recipient is covered by its country or by its institution named in the scope', () => {
    expect(covered(childConsent, toOrr)).toEqual(['identity', 'health']); // US-ORR is named; US is not
    expect(covered(childConsent, { ...toOrr, institutionId: 'US-DHS' })).toEqual([]);
    expect(covered(childConsent, { ...toGuatemala, institutionId: 'GT-PGN' })).toEqual([
      'identity',
      'health',
    ]);
  });

  it('covers nothing for another purpose, before it was recorded or after it ends', () => {
    expect(covered(childConsent, { ...toGuatemala, purpose: 'legal' })).toEqual([]);
    expect(covered(childConsent, { ...toGuatemala, on: '2020-06-29' })).toEqual([]);
    expect(covered(childConsent, { ...toGuatemala, on: '2020-12-31' })).toEqual(['identity', 'health']);
    expect(covered(childConsent, { ...toGuatemala, on: '2021-01-01' })).toEqual([]);
  });

  it('a withdrawn consent covers nothing', () => {
    expect(
      covered(history(commands.register(), commands.consent('c-child'), commands.withdraw('c-child'))),
    ).toEqual([]);
  });

  it('a narrowed consent covers only its new scope', () => {
    const narrowed = history(
      commands.register(),
      commands.consent('c-child'),
      commands.narrow('c-child', { countries: [] }),
    );
    expect(covered(narrowed, toGuatemala)).toEqual([]);
    expect(covered(narrowed, toOrr)).toEqual(['identity', 'health']);
    const earlier = history(
      commands.register(),
      commands.consent('c-child'),
      commands.narrow('c-child', { validUntil: '2020-07-10' }),
    );
    expect(covered(earlier, toGuatemala)).toEqual([]);
  });

  describe("a younger child's assent", () => {
    const assent = commands.consent('c-assent', { form: 'assent' });
    const guardian = (over = {}) =>
      commands.consent('c-guardian', { givenBy: 'guardian', scope: scope(over) });

    it('alone covers nothing', () => {
      expect(covered(history(commands.register(), assent))).toEqual([]);
    });

    it("with a guardian's consent covering the same, covers it; both consents are the basis", () => {
      const events = history(commands.register(), assent, guardian({ categories: ['identity'] }));
      expect(consentCoverage(stateOf(events), toGuatemala)).toEqual({
        covered: ['identity'],
        uncovered: ['health', 'narrative'],
        consentIds: ['c-assent', 'c-guardian'],
      });
    });

    it("the guardian's consent must cover the same recipient, purpose and date", () => {
      expect(covered(history(commands.register(), assent, guardian({ countries: ['MX'] })))).toEqual([]);
      expect(covered(history(commands.register(), assent, guardian({ purpose: ['legal'] })))).toEqual([]);
      const ended = history(commands.register(), assent, guardian({ validUntil: '2020-07-01' }));
      expect(covered(ended)).toEqual([]);
    });

    it("a guardian's consent alone covers nothing for a child old enough to assent", () => {
      expect(covered(history(commands.register(), guardian()))).toEqual([]);
    });

    it("for a child of 0 to 5 the guardian's consent alone covers", () => {
      const infant = commands.register({ indicators: indicators({ ageBand: '0-5', ageYears: 2 }) });
      expect(consentCoverage(stateOf(history(infant, guardian())), toGuatemala)).toEqual({
        covered: ['identity', 'health'],
        uncovered: ['narrative'],
        consentIds: ['c-guardian'],
      });
    });
  });

  it('several consents add up, each category on its own basis', () => {
    const events = history(
      commands.register(),
      commands.consent('c-identity', { scope: scope({ categories: ['identity'] }) }),
      commands.consent('c-narrative', { scope: scope({ categories: ['narrative'] }) }),
    );
    expect(consentCoverage(stateOf(events), toGuatemala)).toEqual({
      covered: ['identity', 'narrative'],
      uncovered: ['health'],
      consentIds: ['c-identity', 'c-narrative'],
    });
    expect(consentCoverage(stateOf(events), toGuatemala, { among: ['c-narrative'] }).covered).toEqual([
      'narrative',
    ]);
  });

  it('the Secretariat is never a consent recipient by country', () => {
    expect(covered(childConsent, { ...toGuatemala, country: 'ST', institutionId: 'ST-CRM' })).toEqual([]);
  });
});

describe('what a narrowing or a withdrawal takes away', () => {
  const narrow = commands.narrow('c-child', { categories: ['identity', 'indicators'], countries: [] });

  it('lostCoverage: the categories a recipient had and no longer has', () => {
    const before = stateOf(childConsent);
    const after = stateOf(history(commands.register(), commands.consent('c-child'), narrow));
    expect(lostCoverage(before, after, toGuatemala)).toEqual(['identity', 'health']);
    expect(lostCoverage(before, after, toOrr)).toEqual(['health']);
  });

  it('lostCoverage: nothing is lost that another consent still covers', () => {
    const two = [
      commands.register(),
      commands.consent('c-child'),
      commands.consent('c-other', { scope: scope({ categories: ['health'] }) }),
    ];
    const before = stateOf(history(...two));
    const after = stateOf(history(...two, commands.withdraw('c-child')));
    expect(lostCoverage(before, after, toGuatemala)).toEqual(['identity']);
  });

  it('consentChange: what the consent itself lost', () => {
    const before = stateOf(childConsent);
    const narrowed = history(commands.register(), commands.consent('c-child'), narrow).slice(2);
    expect(consentChange(before, narrowed[0] as CaseEvent)).toEqual({
      consentId: 'c-child',
      withdrawn: false,
      removed: {
        categories: ['family', 'health', 'assessments'],
        countries: ['GT'],
        institutions: [],
        purpose: [],
        validUntil: null,
      },
    });
    const withdrawn = history(commands.register(), commands.consent('c-child'), [
      commands.withdraw('c-child'),
      ctx('2020-07-01T00:00:00Z'),
    ]);
    expect(consentChange(before, withdrawn[2] as CaseEvent)).toEqual({
      consentId: 'c-child',
      withdrawn: true,
      removed: { ...scope(), validUntil: null },
    });
    expect(consentChange(stateOf(withdrawn), withdrawn[2] as CaseEvent)).toBeNull(); // already withdrawn
    expect(consentChange(before, childConsent[1] as CaseEvent)).toBeNull();
  });
});
