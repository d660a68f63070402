import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import { institutionDecider, institutionStreamName, type InstitutionState } from '../../directory/domain';

/**
 * One directory entry (`referralInstitution-<id>`) as the referral handlers need it: whether the institution a
 * referral or a transfer goes to exists, is active and is in the named country. The directory context's own
 * reader replaces this file once it is on main (the only place the referral side reads directory streams).
 * A malformed id is a 422 (`referral.institution.invalid_id`).
 */
export async function readInstitution(
  store: Pick<EventStore, 'readStream'>,
  institutionId: string,
): Promise<InstitutionState> {
  return (await readState(store, institutionStreamName(institutionId), institutionDecider)).state;
}
