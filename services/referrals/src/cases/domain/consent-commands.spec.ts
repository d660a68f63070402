import { given } from '@crm/decider';
import { ConflictError, NotFoundError, ValidationError } from '@crm/kernel';
import { caseDecider } from './decider';
import { AT, BY, CASE_ID, commands, ctx, history, LATER, NOW, scope } from './test-support';

const registered = history(commands.register());
const consented = history(commands.register(), commands.consent('c-child'));
const closedWithConsent = history(commands.register(), commands.consent('c-child'), commands.close());

describe('RecordConsent', () => {
  it('records the consent with its scope in canonical order', () => {
    given(caseDecider, ...registered)
      .when(
        commands.consent('c-child', {
          scope: {
            categories: ['health', 'identity', 'health'],
            countries: ['US', 'GT'],
            institutions: ['US-ORR', 'MX-DIF'],
            purpose: ['psychosocial', 'health'],
            validUntil: '2020-12-31',
          },
        }),
        NOW,
      )
      .then({
        type: 'ConsentRecorded',
        data: {
          caseId: CASE_ID,
          consentId: 'c-child',
          givenBy: 'child',
          form: 'consent',
          scope: {
            categories: ['identity', 'health'],
            countries: ['GT', 'US'],
            institutions: ['MX-DIF', 'US-ORR'],
            purpose: ['psychosocial', 'health'],
            validUntil: '2020-12-31',
          },
          recordedAt: AT,
          recordedBy: BY,
        },
      });
  });

  it('a guardian gives consent, never assent (422)', () => {
    given(caseDecider, ...registered)
      .when(commands.consent('c-g', { givenBy: 'guardian', form: 'assent' }), NOW)
      .thenThrows('referral.case.invalid_consent');
  });

  it.each([
    ['no category', { categories: [] }],
    ['an unknown category', { categories: ['biometrics' as never] }],
    ['no recipient at all', { countries: [], institutions: [] }],
    ['a recipient country outside the network', { countries: ['CO' as never] }],
    ['a malformed institution', { institutions: ['ORR'] }],
    ['no purpose', { purpose: [] }],
    ['an unknown purpose', { purpose: ['research' as never] }],
    ['an end date already past', { validUntil: '2020-06-29' }],
    ['a malformed end date', { validUntil: '31/12/2020' }],
  ])('refuses a scope with %s (422)', (_what, over) => {
    const error = given(caseDecider, ...registered)
      .when(commands.consent('c-child', { scope: scope(over) }), NOW)
      .thenThrows('referral.case.invalid_consent_scope');
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('an institution-only scope is enough; it may end today', () => {
    const only = scope({ countries: [], institutions: ['GT-SBS'], validUntil: '2020-06-30' });
    expect(
      given(caseDecider, ...registered).when(commands.consent('c-i', { scope: only }), NOW).events,
    ).toHaveLength(1);
  });

  it('the same consent again records nothing; another one under its id is refused (409)', () => {
    given(caseDecider, ...consented)
      .when(commands.consent('c-child'), LATER)
      .thenNothingHappened();
    given(caseDecider, ...consented)
      .when(commands.consent('c-child', { form: 'assent' }), NOW)
      .thenThrows('referral.case.consent_exists');
    const narrowed = history(
      commands.register(),
      commands.consent('c-child'),
      commands.narrow('c-child', { countries: [] }),
    );
    given(caseDecider, ...narrowed)
      .when(commands.consent('c-child'), NOW)
      .thenThrows('referral.case.consent_exists');
  });
});

describe('NarrowConsent', () => {
  it('records the previous scope, the new one, and what was removed', () => {
    const then = given(caseDecider, ...consented)
      .when(
        commands.narrow('c-child', {
          categories: ['identity', 'indicators'],
          countries: [],
          validUntil: '2020-09-30',
        }),
        LATER,
      )
      .then({
        type: 'ConsentNarrowed',
        data: {
          caseId: CASE_ID,
          consentId: 'c-child',
          previous: scope(),
          scope: scope({ categories: ['identity', 'indicators'], countries: [], validUntil: '2020-09-30' }),
          removed: {
            categories: ['family', 'health', 'assessments'],
            countries: ['GT'],
            institutions: [],
            purpose: [],
            validUntil: { from: '2020-12-31', to: '2020-09-30' },
          },
          narrowedAt: '2020-07-15T09:00:00.000Z',
          narrowedBy: BY,
        },
      });
    const consent = then.state.consents[0];
    expect(consent?.originalScope).toEqual(scope());
    expect(consent?.narrowings).toBe(1);
  });

  it.each([
    ['the same scope', {}],
    [
      'an added category',
      { categories: ['identity', 'family', 'indicators', 'health', 'assessments', 'narrative'] as never },
    ],
    [
      'an added country, even with a category removed',
      { countries: ['GT', 'MX'] as never, categories: ['identity'] as never },
    ],
    ['a later end date', { validUntil: '2021-01-31' }],
  ])('refuses %s: not a strict subset (422)', (_what, over) => {
    given(caseDecider, ...consented)
      .when(commands.narrow('c-child', over), NOW)
      .thenThrows('referral.case.consent_not_narrower');
  });

  it('refuses narrowing to nothing: that is a withdrawal (422)', () => {
    given(caseDecider, ...consented)
      .when(commands.narrow('c-child', { categories: [] }), NOW)
      .thenThrows('referral.case.invalid_consent_scope');
  });

  it('refuses an unknown consent (404) and a withdrawn one (409)', () => {
    expect(
      given(caseDecider, ...consented)
        .when(commands.narrow('c-none', { countries: [] }), NOW)
        .thenThrows('referral.case.unknown_consent'),
    ).toBeInstanceOf(NotFoundError);
    const withdrawn = history(commands.register(), commands.consent('c-child'), commands.withdraw('c-child'));
    expect(
      given(caseDecider, ...withdrawn)
        .when(commands.narrow('c-child', { countries: [] }), NOW)
        .thenThrows('referral.case.consent_withdrawn'),
    ).toBeInstanceOf(ConflictError);
  });

  it('is allowed on a closed case', () => {
    expect(
      given(caseDecider, ...closedWithConsent).when(commands.narrow('c-child', { countries: [] }), NOW)
        .events,
    ).toHaveLength(1);
  });
});

describe('WithdrawConsent', () => {
  it('withdraws with a reason code; withdrawing again records nothing', () => {
    const then = given(caseDecider, ...consented)
      .when(commands.withdraw('c-child'), NOW)
      .then({
        type: 'ConsentWithdrawn',
        data: {
          caseId: CASE_ID,
          consentId: 'c-child',
          reason: 'child_request',
          withdrawnAt: AT,
          withdrawnBy: BY,
        },
      });
    expect(then.state.consents[0]?.withdrawal).toEqual({
      reason: 'child_request',
      withdrawnAt: AT,
      withdrawnBy: BY,
    });
    given(caseDecider, ...consented, ...then.events)
      .when(commands.withdraw('c-child'), LATER)
      .thenNothingHappened();
  });

  it('the reason is optional', () => {
    const { events } = given(caseDecider, ...consented).when(
      { type: 'WithdrawConsent', caseId: CASE_ID, consentId: 'c-child' },
      NOW,
    );
    expect(events[0]?.type === 'ConsentWithdrawn' && events[0].data.reason).toBeNull();
  });

  it('refuses a free-text reason (422), an unknown consent (404); allowed on a closed case', () => {
    given(caseDecider, ...consented)
      .when(
        { type: 'WithdrawConsent', caseId: CASE_ID, consentId: 'c-child', reason: 'ya no quiere' as never },
        NOW,
      )
      .thenThrows('referral.case.invalid_consent');
    given(caseDecider, ...consented)
      .when(commands.withdraw('c-none'), NOW)
      .thenThrows('referral.case.unknown_consent');
    expect(
      given(caseDecider, ...closedWithConsent).when(commands.withdraw('c-child'), ctx('2021-03-01T00:00:00Z'))
        .events,
    ).toHaveLength(1);
  });
});
