import { given } from '@crm/decider';
import { ValidationError } from '@crm/kernel';
import { referralDecider } from './decider';
import { cmd, ctx, DEADLINES, note, reach, SENDER, SENT_AT } from './test-support';

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

  it('an override shares every requested category and records its reason code, its encrypted note and who authorised it', () => {
    const detail = note();
    const [sent] = send({
      kind: 'override',
      reason: 'imminent_risk',
      note: detail,
      authorisedBy: 'protection_supervisor',
    }).events;
    expect(sent?.data).toMatchObject({
      basis: {
        kind: 'override',
        reason: 'imminent_risk',
        note: detail,
        authorisedBy: 'protection_supervisor',
      },
      sharedCategories: ['identity', 'family', 'health'],
      withheldCategories: [],
    });
  });

  it('an override needs a reason code, a note with `other`, and the authorising role; no plaintext reason', () => {
    const by = 'protection_supervisor';
    const error = send({ kind: 'override', reason: 'Imminent risk to life.', authorisedBy: by }).thenThrows(
      'referral.invalid_override_reason',
    );
    expect(error.text.en).toContain('imminent_risk');
    send({ kind: 'override', reason: 'other', authorisedBy: by }).thenThrows('referral.note_required');
    expect(
      send({ kind: 'override', reason: 'other', note: note(), authorisedBy: by }).events.map((e) => e.type),
    ).toEqual(['ReferralSent']);
    const [sent] = send({ kind: 'override', reason: 'legal_order', authorisedBy: by }).events;
    expect(sent?.data).toMatchObject({ basis: { reason: 'legal_order', note: null } });
    send({
      kind: 'override',
      reason: 'imminent_risk',
      note: 'The child is at risk.',
      authorisedBy: by,
    } as never).thenThrows('referral.invalid_protected_note');
    send({ kind: 'override', reason: 'imminent_risk', authorisedBy: '' }).thenThrows(
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
