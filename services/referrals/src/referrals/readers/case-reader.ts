import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import { caseDecider, caseStreamName, type CaseState } from '../../cases/domain';

/**
 * The state of a child's case (`referralCase-<caseId>`) as a referral handler reads it: to check a draft's case,
 * to compute the consent basis of a sending and a recipient's disclosed view. `revision` -1: no such case.
 * A malformed case id is a 422 (`referral.case.invalid_id`).
 */
export async function readCase(
  store: Pick<EventStore, 'readStream'>,
  caseId: string,
): Promise<{ state: CaseState; revision: number }> {
  const { state, revision } = await readState(store, caseStreamName(caseId), caseDecider);
  return { state, revision };
}
