import { given } from '@crm/decider';
import { LocalizedError, ValidationError } from '@crm/kernel';
import { referralDecider } from './decider';
import { parseReferralStreamName, referralStreamName } from './stream';
import {
  cmd,
  ctx,
  nextAt,
  note,
  reach,
  RECEIVER,
  REFERRAL_ID,
  SECRETARIAT,
  SENDER,
  T0,
  TRANSFEREE,
  withPendingTransfer,
} from './test-support';

const CIPHERTEXT = { v: 1 as const, kid: 'k1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };

describe('the referral stream', () => {
  it('is referral-<referralId>, a lower-case UUID v4', () => {
    expect(referralStreamName(REFERRAL_ID)).toBe(`referral-${REFERRAL_ID}`);
    expect(parseReferralStreamName(`referral-${REFERRAL_ID}`)).toBe(REFERRAL_ID);
    expect(parseReferralStreamName('referral-not-a-uuid')).toBeNull();
    expect(() => referralStreamName(REFERRAL_ID.toUpperCase())).toThrow(LocalizedError);
    expect(() => referralStreamName('3f2b8c1e-5d4a-1e6f-9a7b-1c2d3e4f5a6b')).toThrow(LocalizedError); // v1
  });
});

describe('invalid input is refused with 422 and an es/en text, before any status or side check', () => {
  const draftAt = ctx(T0, SENDER);

  it('DraftReferral', () => {
    const refuse = (over: object, code: string) =>
      given(referralDecider)
        .when(cmd.draft(over as never), draftAt)
        .thenThrows(code);
    refuse({ referralId: REFERRAL_ID.toUpperCase() }, 'referral.invalid_referral_id');
    refuse({ from: { country: 'ST', institutionId: 'ST-CRM' } }, 'referral.invalid_country');
    refuse({ to: { country: 'XX', institutionId: 'X' } }, 'referral.invalid_country');
    refuse({ to: { country: 'GT', institutionId: '' } }, 'referral.invalid_identifier');
    refuse({ caseId: 'case with spaces' }, 'referral.invalid_identifier');
    refuse({ servicesRequested: [] }, 'referral.invalid_services');
    refuse({ servicesRequested: ['psychosocial', 'karaoke'] }, 'referral.invalid_services');
    refuse({ categories: [] }, 'referral.invalid_categories');
    refuse({ categories: 'identity' }, 'referral.invalid_categories');
    refuse({ urgency: 'asap' }, 'referral.invalid_urgency');
    const error = refuse({ categories: ['identity', 'dna'] }, 'referral.invalid_categories');
    expect(error.text.es).toContain('Desconocidos: dna');
    expect(error.text.en).toContain('Unknown: dna');
  });

  it('DraftReferral: cross-border only', () => {
    const error = given(referralDecider)
      .when(cmd.draft({ to: { country: 'HN', institutionId: 'HN-IHNFA' } }), draftAt)
      .thenThrows('referral.not_cross_border');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.text.es).toContain('mismo país que la remitente (Honduras)');
  });

  it('UpdateDraft: something to change, and still cross-border', () => {
    const draft = reach('draft');
    const at = ctx(nextAt('draft'), SENDER);
    given(referralDecider, ...draft)
      .when(cmd.update({}), at)
      .thenThrows('referral.empty_update');
    given(referralDecider, ...draft)
      .when(cmd.update({ to: { country: 'HN', institutionId: 'HN-IHNFA' } }), at)
      .thenThrows('referral.not_cross_border');
    given(referralDecider, ...draft)
      .when(cmd.update({ urgency: 'later' as never }), at)
      .thenThrows('referral.invalid_urgency');
  });

  it('the command must be for the stream’s referral', () => {
    const other = '0b9c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
    const error = given(referralDecider, ...reach('requested'))
      .when({ ...cmd.acknowledge(), referralId: other } as never, ctx(nextAt('requested'), RECEIVER))
      .thenThrows('referral.referral_mismatch');
    expect(error.details).toEqual({ command: other, stream: REFERRAL_ID });
  });

  it('reasons are codes, never free text (revoke, entered in error, transfer, transfer decline)', () => {
    const error = given(referralDecider, ...reach('requested'))
      .when(
        { ...cmd.revoke(), reason: 'The family was found in Honduras.' } as never,
        ctx(nextAt('requested'), SENDER),
      )
      .thenThrows('referral.invalid_revoke_reason');
    expect(error.text.es).toContain('family_reunified');
    given(referralDecider, ...reach('draft'))
      .when({ ...cmd.enteredInError(), reason: undefined } as never, ctx(nextAt('draft'), SENDER))
      .thenThrows('referral.invalid_entered_in_error_reason');
    given(referralDecider, ...reach('accepted'))
      .when(cmd.requestTransfer({ reason: '' as never }), ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.invalid_transfer_reason');
    given(referralDecider, ...withPendingTransfer('accepted'))
      .when(
        { ...cmd.declineTransfer(), reason: 'No places.' } as never,
        ctx(nextAt('in_progress'), TRANSFEREE),
      )
      .thenThrows('referral.invalid_decline_reason');
  });

  it('the reason `other` needs its encrypted note; any note must be encrypted under the referral’s child', () => {
    const at = ctx(nextAt('requested'), SENDER);
    given(referralDecider, ...reach('requested'))
      .when({ ...cmd.revoke(), reason: 'other' } as never, at)
      .thenThrows('referral.note_required');
    given(referralDecider, ...reach('requested'))
      .when({ ...cmd.decline(), reason: 'other' } as never, ctx(nextAt('requested'), RECEIVER))
      .thenThrows('referral.note_required');
    given(referralDecider, ...reach('accepted'))
      .when(cmd.requestTransfer({ reason: 'other' }), ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.note_required');
    given(referralDecider, ...reach('draft'))
      .when({ ...cmd.enteredInError(), reason: 'other' } as never, ctx(nextAt('draft'), SENDER))
      .thenThrows('referral.note_required');
    const wrongChild = given(referralDecider, ...reach('requested'))
      .when({ ...cmd.revoke(), reason: 'other', note: note('case-gt-0002') } as never, at)
      .thenThrows('referral.invalid_protected_note');
    expect(wrongChild.details).toMatchObject({ expectedSubject: 'child-case-hn-0001' });
    expect(
      given(referralDecider, ...reach('requested')).when(
        { ...cmd.revoke(), reason: 'other', note: note() } as never,
        at,
      ).events,
    ).toHaveLength(1);
  });

  it('codes: decline reason, follow-up status and services, close outcome', () => {
    given(referralDecider, ...reach('requested'))
      .when({ ...cmd.decline(), reason: 'busy' } as never, ctx(nextAt('requested'), RECEIVER))
      .thenThrows('referral.invalid_decline_reason');
    given(referralDecider, ...reach('accepted'))
      .when({ ...cmd.followUp(), status: 'done' } as never, ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.invalid_follow_up_status');
    given(referralDecider, ...reach('accepted'))
      .when({ ...cmd.followUp(), services: [] } as never, ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.invalid_services');
    given(referralDecider, ...reach('accepted'))
      .when({ ...cmd.close(), outcome: 'fine' } as never, ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.invalid_outcome');
  });

  it('a note must arrive encrypted: plaintext is refused, a record of ciphertexts accepted', () => {
    const decline = (note: unknown) =>
      given(referralDecider, ...reach('requested')).when(
        { ...cmd.decline(), note } as never,
        ctx(nextAt('requested'), RECEIVER),
      );
    const error = decline('The child is with her aunt in Mixco.').thenThrows(
      'referral.invalid_protected_note',
    );
    expect(error.text.en).toContain('must arrive encrypted');
    const subject = 'child-case-hn-0001';
    decline({ subject, fields: { text: 'The child is with her aunt.' } }).thenThrows(
      'referral.invalid_protected_note',
    );
    decline({ text: CIPHERTEXT }).thenThrows('referral.invalid_protected_note');
    decline({ subject, fields: {} }).thenThrows('referral.invalid_protected_note');
    decline({ subject, fields: { text: CIPHERTEXT, name: CIPHERTEXT } }).thenThrows(
      'referral.invalid_protected_note',
    );
    decline([CIPHERTEXT]).thenThrows('referral.invalid_protected_note');
    expect(decline({ subject, fields: { text: CIPHERTEXT } }).events).toHaveLength(1);
    given(referralDecider, ...reach('accepted'))
      .when({ ...cmd.followUp(), note: 'plain' } as never, ctx(nextAt('accepted'), RECEIVER))
      .thenThrows('referral.invalid_protected_note');
  });

  it('the order of the checks: input (422), then status (409), then side (403)', () => {
    const completed = reach('completed');
    const at = ctx(nextAt('completed'), SECRETARIAT);
    given(referralDecider, ...completed)
      .when({ ...cmd.revoke(), reason: '' } as never, at)
      .thenThrows('referral.invalid_revoke_reason');
    given(referralDecider, ...completed)
      .when(cmd.revoke(), at)
      .thenThrows('referral.invalid_transition');
    given(referralDecider, ...reach('requested'))
      .when(cmd.revoke(), ctx(nextAt('requested'), SECRETARIAT))
      .thenThrows('referral.wrong_side');
  });

  it('an unknown command', () => {
    given(referralDecider)
      .when({ type: 'Teleport', referralId: REFERRAL_ID } as never, draftAt)
      .thenThrows('referral.unknown_command');
  });
});
