import { given } from '@crm/decider';
import { ValidationError } from '@crm/kernel';
import { referralDecider } from './decider';
import { cmd, ctx, DEADLINES, reach, SENDER, SENT_AT } from './test-support';

/** The basis of a disclosure at sending: consents (requested ∩ covered) or a recorded override (all requested). */
describe('SendReferral: the consent basis', () => {
  const draft = reach('draft'); // requests identity, family, health
  const send = (consent: unknown) =>
    given(referralDecider, ...draft).when(cmd.send({ consent: consent as never }), ctx(SENT_AT, SENDER));

  it('shares only the requested categories the consents cover, and records the rest as withheld', () => {
    const [sent] = send({
      kind: 'consent',
      consentIds: ['c1', 'c2'],
      covered: ['narrative', 'health', 'identity'],
    }).events;
    expect(sent?.data).toMatchObject({
      basis: { kind: 'consent', consentIds: ['c1', 'c2'], covered: ['identity', 'health', 'narrative'] },
      sharedCategories: ['identity', 'health'],
      withheldCategories: ['family'],
    });
  });

  it('refuses (422 referral.consent_required) a consent that covers none of the requested categories', () => {
    const error = send({
      kind: 'consent',
      consentIds: ['c1'],
      covered: ['narrative', 'assessments'],
    }).thenThrows('referral.consent_required');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.text.es).toContain(
      'no cubren ninguna de las categorías de datos solicitadas (identity, family, health)',
    );
    expect(error.text.en).toContain('cover none of the data categories requested');
    expect(error.details).toEqual({
      requested: ['identity', 'family', 'health'],
      covered: ['assessments', 'narrative'],
    });
  });

  it('refuses a consent basis that covers nothing or names no consent', () => {
    send({ kind: 'consent', consentIds: ['c1'], covered: [] }).thenThrows('referral.consent_required');
    send({ kind: 'consent', consentIds: [], covered: ['identity'] }).thenThrows('referral.consent_required');
    send({ kind: 'consent', consentIds: ['bad id'], covered: ['identity'] }).thenThrows(
      'referral.invalid_identifier',
    );
    send({ kind: 'consent', consentIds: ['c1'], covered: ['dna'] }).thenThrows('referral.invalid_categories');
  });

  it('an override shares every requested category and records its reason and who authorised it', () => {
    const [sent] = send({
      kind: 'override',
      reason: '  Imminent risk to the child’s life; guardian unreachable.  ',
      authorisedBy: 'protection_case_worker',
    }).events;
    expect(sent?.data).toMatchObject({
      basis: {
        kind: 'override',
        reason: 'Imminent risk to the child’s life; guardian unreachable.',
        authorisedBy: 'protection_case_worker',
      },
      sharedCategories: ['identity', 'family', 'health'],
      withheldCategories: [],
    });
  });

  it('an override needs a reason of 10 to 1000 characters and the authorising role', () => {
    send({ kind: 'override', reason: 'urgent   ', authorisedBy: 'protection_case_worker' }).thenThrows(
      'referral.invalid_reason',
    );
    send({ kind: 'override', reason: 'x'.repeat(1001), authorisedBy: 'protection_case_worker' }).thenThrows(
      'referral.invalid_reason',
    );
    expect(
      send({ kind: 'override', reason: 'x'.repeat(1000), authorisedBy: 'protection_case_worker' }).events.map(
        (e) => e.type,
      ),
    ).toEqual(['ReferralSent']);
    send({ kind: 'override', reason: 'Imminent risk to life.', authorisedBy: '' }).thenThrows(
      'referral.invalid_authorised_by',
    );
  });

  it('refuses an unknown basis', () => {
    send({ kind: 'implied' }).thenThrows('referral.invalid_basis');
    send(undefined).thenThrows('referral.invalid_basis');
  });

  it('the deadlines must be instants after now, the decision not before the acknowledgement', () => {
    const withDeadlines = (deadlines: unknown) =>
      given(referralDecider, ...draft).when(
        cmd.send({ deadlines: deadlines as never }),
        ctx(SENT_AT, SENDER),
      );
    withDeadlines({ acknowledgeBy: SENT_AT, decideBy: DEADLINES.decideBy }).thenThrows(
      'referral.invalid_deadline',
    );
    withDeadlines({ acknowledgeBy: DEADLINES.decideBy, decideBy: DEADLINES.acknowledgeBy }).thenThrows(
      'referral.invalid_deadline',
    );
    withDeadlines({ acknowledgeBy: '2020-02-30T00:00:00Z', decideBy: DEADLINES.decideBy }).thenThrows(
      'referral.invalid_instant',
    );
    withDeadlines(undefined).thenThrows('referral.invalid_instant');
    const [sent] = withDeadlines({
      acknowledgeBy: '2020-07-03T04:00:00-05:00',
      decideBy: DEADLINES.decideBy,
    }).events;
    expect(sent?.data).toMatchObject({ acknowledgeBy: '2020-07-03T09:00:00.000Z' });
  });
});
