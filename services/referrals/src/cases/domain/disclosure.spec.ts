import { ALL_ROLES } from '@crm/auth';
import { DATA_CATEGORIES, type DataCategory } from '../../shared/vocabulary';
import { disclosedView, ROLE_CATEGORIES, type DisclosureRequest } from './disclosure';
import { commands, history, identifying, scope, stateOf, SUBJECT } from './test-support';

const ALL = Object.keys(DATA_CATEGORIES) as DataCategory[];
const caseWith = (...more: Parameters<typeof history>) =>
  stateOf(
    history(
      commands.register(),
      commands.assessment('bia-1'),
      commands.interview('int-1'),
      commands.consent('c-child', { scope: scope({ categories: ALL, countries: ['GT'] }) }),
      ...more,
    ),
  );
const request = (over: Partial<DisclosureRequest> = {}): DisclosureRequest => ({
  recipient: { country: 'GT', institutionId: 'GT-SBS', role: 'protection_case_worker' },
  requestedCategories: ALL,
  purpose: 'family_reunification',
  basis: { kind: 'consent', consentIds: ['c-child'] },
  on: '2020-07-15',
  ...over,
});
const statuses = (view: ReturnType<typeof disclosedView>) =>
  Object.fromEntries(
    Object.entries(view.categories).map(([c, d]) => [
      c,
      d.status === 'withheld' ? `withheld:${d.reason}` : d.status,
    ]),
  );

describe('disclosedView', () => {
  it('a protection case worker covered by the consent sees every requested category', () => {
    const view = disclosedView(caseWith(), request());
    expect(Object.values(view.categories).every((d) => d.status === 'disclosed')).toBe(true);
    expect(view.consentIds).toEqual(['c-child']);
    expect(view.override).toBeNull();
    expect(view.revealableFields).toEqual([
      'givenNames',
      'familyNames',
      'dateOfBirth',
      'familyContacts',
      'notes',
    ]);
    expect(view.identifying).toEqual(identifying());
    expect(view.bestInterests.map((r) => r.recordId)).toEqual(['bia-1']);
    expect(view.interviews.map((i) => i.interviewId)).toEqual(['int-1']);
    expect(view.indicators.healthNeeds).toEqual(['malnutrition_dehydration']);
  });

  it('only what was requested: the rest is withheld as not requested, identifying fields included', () => {
    const view = disclosedView(caseWith(), request({ requestedCategories: ['indicators', 'assessments'] }));
    expect(statuses(view)).toEqual({
      identity: 'withheld:not_requested',
      family: 'withheld:not_requested',
      indicators: 'disclosed',
      health: 'withheld:not_requested',
      protection: 'withheld:not_requested',
      assessments: 'disclosed',
      narrative: 'withheld:not_requested',
    });
    expect(view.revealableFields).toEqual([]);
    expect(view.identifying).toEqual({ subject: SUBJECT, fields: {} });
    expect(view.indicators.ageBand).toBe('15-17');
    expect(view.indicators.healthNeeds).toBeUndefined(); // a health indicator, under `health`
    expect(view.indicators.internationalProtectionNeeds).toBeUndefined();
    expect(view.bestInterests).toHaveLength(1); // prior assessments: the receiver need not interview again
  });

  it('what the consent does not cover is withheld as not covered', () => {
    const state = stateOf(history(commands.register(), commands.consent('c-child')));
    const view = disclosedView(state, request());
    expect(statuses(view)).toMatchObject({
      identity: 'disclosed',
      protection: 'withheld:not_covered',
      narrative: 'withheld:not_covered',
    });
    expect(view.revealableFields).toEqual(['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts']);
  });

  describe('per role', () => {
    it('a consular officer sees identity, family, indicators and protection only', () => {
      const view = disclosedView(
        caseWith(),
        request({ recipient: { country: 'GT', institutionId: 'GT-MINEX', role: 'consular_officer' } }),
      );
      expect(statuses(view)).toEqual({
        identity: 'disclosed',
        family: 'disclosed',
        indicators: 'disclosed',
        health: 'withheld:not_for_role',
        protection: 'disclosed',
        assessments: 'withheld:not_for_role',
        narrative: 'withheld:not_for_role',
      });
      expect(view.revealableFields).toEqual(['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts']);
      expect(view.indicators.internationalProtectionNeeds).toEqual(['violence_victim']);
      expect(view.indicators.psychosocialNeeds).toBeUndefined();
      expect(view.bestInterests).toEqual([]);
    });

    it.each(['national_system', 'protection_supervisor'])('a %s sees what a case worker sees', (role) => {
      const view = disclosedView(
        caseWith(),
        request({ recipient: { country: 'GT', institutionId: 'GT-SBS', role } }),
      );
      expect(Object.values(view.categories).every((d) => d.status === 'disclosed')).toBe(true);
    });

    it('the Secretariat sees indicators only and never an identifying field, even under an override', () => {
      const override = { kind: 'override', reason: 'imminent_risk', by: 'hn-director' } as const;
      for (const role of ['secretariat_coordinator', 'secretariat_analyst']) {
        const view = disclosedView(
          caseWith(),
          request({ recipient: { country: 'ST', institutionId: 'ST-CRM', role }, basis: override }),
        );
        expect(statuses(view)).toMatchObject({
          indicators: 'disclosed',
          identity: 'withheld:not_for_role',
          family: 'withheld:not_for_role',
        });
        expect(view.revealableFields).toEqual([]);
        expect(view.identifying.fields).toEqual({});
      }
      // a case-worker role claimed for the Secretariat still gets no identifying field
      const misconfigured = disclosedView(
        caseWith(),
        request({
          recipient: { country: 'ST', institutionId: 'ST-CRM', role: 'protection_case_worker' },
          basis: override,
        }),
      );
      expect(misconfigured.revealableFields).toEqual([]);
    });

    it('any other role, or an unknown one, sees nothing', () => {
      for (const role of ['observer', 'reporting_officer', 'alert_focal_point', 'platform_admin', 'hacker']) {
        const view = disclosedView(
          caseWith(),
          request({ recipient: { country: 'GT', institutionId: 'GT-SBS', role } }),
        );
        expect(Object.values(view.categories).every((d) => d.status === 'withheld')).toBe(true);
      }
      expect(Object.keys(ROLE_CATEGORIES).sort()).toEqual([...ALL_ROLES].sort()); // every platform role has its rule
    });
  });

  describe('after the consent changed', () => {
    it('a withdrawn consent turns what it covered into withdrawn; nothing is revealed', () => {
      const view = disclosedView(caseWith(commands.withdraw('c-child')), request());
      expect(Object.values(view.categories).every((d) => d.status === 'withdrawn')).toBe(true);
      expect(view.revealableFields).toEqual([]);
      expect(view.indicators).toEqual({});
      expect(view.bestInterests).toEqual([]);
    });

    it('a narrowed consent: what it lost is withdrawn, what it keeps stays disclosed', () => {
      const narrowed = caseWith(
        commands.narrow('c-child', { categories: ['identity', 'indicators'], countries: ['GT'] }),
      );
      expect(statuses(disclosedView(narrowed, request()))).toEqual({
        identity: 'disclosed',
        family: 'withdrawn',
        indicators: 'disclosed',
        health: 'withdrawn',
        protection: 'withdrawn',
        assessments: 'withdrawn',
        narrative: 'withdrawn',
      });
      const earlier = caseWith(commands.narrow('c-child', { categories: ALL, validUntil: '2020-07-10' }));
      expect(
        Object.values(disclosedView(earlier, request()).categories).every((d) => d.status === 'withdrawn'),
      ).toBe(true);
    });

    it('an expired consent is withheld as expired, not withdrawn', () => {
      const view = disclosedView(caseWith(), request({ on: '2021-01-01' }));
      expect(
        Object.values(view.categories).every(
          (d) => d.status === 'withheld' && d.reason === 'consent_expired',
        ),
      ).toBe(true);
    });
  });

  it('an override discloses what the role may see without consent, and shows why and who', () => {
    const state = stateOf(history(commands.register()));
    const view = disclosedView(
      state,
      request({ basis: { kind: 'override', reason: 'imminent_risk_to_life', by: 'hn-director' } }),
    );
    expect(view.override).toEqual({ reason: 'imminent_risk_to_life', by: 'hn-director' });
    expect(Object.values(view.categories).every((d) => d.status === 'disclosed')).toBe(true);
    expect(view.consentIds).toEqual([]);
  });

  it('rests only on the consents the referral cited, and refuses a consent the case lacks (422)', () => {
    const state = caseWith(commands.consent('c-other', { scope: scope({ categories: ['narrative'] }) }));
    const onlyOther = disclosedView(state, request({ basis: { kind: 'consent', consentIds: ['c-other'] } }));
    expect(statuses(onlyOther)).toMatchObject({ narrative: 'disclosed', identity: 'withheld:not_covered' });
    expect(() =>
      disclosedView(state, request({ basis: { kind: 'consent', consentIds: ['c-ghost'] } })),
    ).toThrow(expect.objectContaining({ code: 'referral.case.unknown_consent' }));
    expect(() => disclosedView(stateOf([]), request())).toThrow(
      expect.objectContaining({ code: 'referral.case.not_registered' }),
    );
  });
});
