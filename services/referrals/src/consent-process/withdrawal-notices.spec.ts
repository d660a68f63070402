import { fold } from '@crm/decider';
import { caseDecider, type CaseCommand, type CaseEvent } from '../cases/domain';
import { CASE_ID, commands, history, scope } from '../cases/domain/test-support';
import { referralDecider, type ConsentBasis, type ReferralState } from '../referrals/domain';
import type { DataCategory } from '../shared/vocabulary';
import { withdrawalNotices } from './withdrawal-notices';

const SENT = '2020-06-30T12:00:00.000Z';
const ON = '2020-07-01';

/** A sent referral of the case to `to`, on `consentIds` (or an override), sharing `shared`. */
function referral(
  referralId: string,
  to: { country: 'GT' | 'US'; institutionId: string },
  shared: DataCategory[],
  basis: ConsentBasis,
): ReferralState {
  return fold(referralDecider, [
    {
      type: 'ReferralDrafted',
      data: {
        referralId,
        caseId: CASE_ID,
        from: { country: 'HN', institutionId: 'HN-DINAF' },
        to,
        servicesRequested: ['psychosocial'],
        categories: shared,
        urgency: 'urgent',
        draftedAt: SENT,
        draftedBy: 'hn',
      },
    },
    {
      type: 'ReferralSent',
      data: {
        referralId,
        basis,
        sharedCategories: shared,
        withheldCategories: [],
        acknowledgeBy: '2020-07-02T12:00:00.000Z',
        decideBy: '2020-07-07T12:00:00.000Z',
        sentAt: SENT,
        sentBy: 'hn',
      },
    },
  ]);
}

const TO_GT = { country: 'GT' as const, institutionId: 'GT-PGN' };
const TO_US = { country: 'US' as const, institutionId: 'US-ORR' };
const consentBasis = (...consentIds: string[]) => ({
  kind: 'consent' as const,
  consentIds,
  covered: ['identity', 'family', 'health'] as DataCategory[],
});

/** The case states around the last of `changes`, after the consents c1 (and c2 when given). */
function around(setup: CaseCommand[], change: CaseCommand) {
  const base = history(commands.register(), ...setup);
  const before = fold(caseDecider, base);
  const [event] = caseDecider.decide(change, before, {
    now: new Date(SENT),
    actor: { subject: 'hn', role: 'protection_case_worker', country: 'HN' },
  });
  return { before, after: caseDecider.evolve(before, event!), event: event as CaseEvent };
}

describe('withdrawalNotices: what a consent change takes from each referral of the case', () => {
  it('a narrowing that removes a category notifies every referral citing the consent of that category only', () => {
    const { before, after, event } = around(
      [commands.consent('c1')],
      commands.narrow('c1', { categories: ['identity', 'indicators', 'health', 'assessments'] }),
    );
    const toGt = referral('r-gt', TO_GT, ['identity', 'family', 'health'], consentBasis('c1'));
    const toUs = referral('r-us', TO_US, ['family'], consentBasis('c1'));
    expect(withdrawalNotices(before, after, event, [toGt, toUs], ON)).toEqual([
      { referralId: 'r-gt', consentId: 'c1', categories: ['family'] },
      { referralId: 'r-us', consentId: 'c1', categories: ['family'] },
    ]);
  });

  it('a narrowing of the recipients notifies only the referral to the removed country, of everything', () => {
    const { before, after, event } = around(
      [commands.consent('c1')],
      commands.narrow('c1', { countries: [] }),
    );
    const toGt = referral('r-gt', TO_GT, ['identity', 'family', 'health'], consentBasis('c1'));
    const toUs = referral('r-us', TO_US, ['identity'], consentBasis('c1'));
    expect(withdrawalNotices(before, after, event, [toGt, toUs], ON)).toEqual([
      { referralId: 'r-gt', consentId: 'c1', categories: ['identity', 'family', 'health'] },
    ]);
  });

  it('a withdrawal takes all the consent covered, except what another consent the referral cited still covers', () => {
    const { before, after, event } = around(
      [commands.consent('c1'), commands.consent('c2', { scope: scope({ categories: ['identity'] }) })],
      commands.withdraw('c1'),
    );
    const both = referral('r-both', TO_GT, ['identity', 'family', 'health'], consentBasis('c1', 'c2'));
    const onlyC1 = referral('r-c1', TO_US, ['identity', 'family'], consentBasis('c1'));
    expect(withdrawalNotices(before, after, event, [both, onlyC1], ON)).toEqual([
      { referralId: 'r-both', consentId: 'c1', categories: ['family', 'health'] },
      { referralId: 'r-c1', consentId: 'c1', categories: ['identity', 'family'] },
    ]);
  });

  it('nothing for referrals under an override, citing another consent, not sent, or for other events', () => {
    const { before, after, event } = around(
      [commands.consent('c1'), commands.consent('c2')],
      commands.withdraw('c1'),
    );
    const override = referral('r-o', TO_GT, ['identity'], {
      kind: 'override',
      reason: 'imminent_risk',
      note: null,
      authorisedBy: 'protection_supervisor',
    });
    const other = referral('r-c2', TO_GT, ['identity'], consentBasis('c2'));
    const draft = fold(referralDecider, []);
    expect(withdrawalNotices(before, after, event, [override, other, draft], ON)).toEqual([]);
    const interview = around([commands.consent('c1')], commands.interview('i1'));
    expect(
      withdrawalNotices(
        interview.before,
        interview.after,
        interview.event,
        [referral('r', TO_GT, ['identity'], consentBasis('c1'))],
        ON,
      ),
    ).toEqual([]);
  });
});
