import { ValidationError } from '@crm/kernel';
import type { ReferralState } from './state';
import { validReferralId } from './validation';

/**
 * The command's referral id is valid and, once the stream exists, the stream's own (422
 * `referral.referral_mismatch`: the handler addressed the wrong stream). Returns the id.
 */
export function requireSameReferral(command: { referralId: unknown }, state: ReferralState): string {
  const referralId = validReferralId(command.referralId);
  if (state.referralId !== null && state.referralId !== referralId) {
    throw new ValidationError(
      'referral.referral_mismatch',
      {
        es: `El comando es para la referencia ${referralId}, pero este registro es de la referencia ${state.referralId}.`,
        en: `The command is for referral ${referralId}, but this record is referral ${state.referralId}.`,
      },
      { command: referralId, stream: state.referralId },
    );
  }
  return referralId;
}
