import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import { caseDecider, caseStreamName, validateCaseId, type CaseState } from './domain';
import { caseNotFound } from './errors';

/** A case as stored: its stream, last revision (-1: none) and fold. */
export interface LoadedCase {
  streamName: string;
  revision: number;
  state: CaseState;
}

/** A registered case's state: its id, country and institution are set. */
export type RegisteredCaseState = CaseState & {
  caseId: string;
  country: NonNullable<CaseState['country']>;
  institutionId: string;
};

/** The case `caseId` (422 on a malformed id), registered or not. */
export async function loadCase(store: Pick<EventStore, 'readStream'>, caseId: string): Promise<LoadedCase> {
  const streamName = caseStreamName(validateCaseId(caseId));
  const { state, revision } = await readState(store, streamName, caseDecider);
  return { streamName, revision, state };
}

/** The registered case `caseId`, else 404 `referral.case.not_registered`. */
export async function requireCase(
  store: Pick<EventStore, 'readStream'>,
  caseId: string,
): Promise<LoadedCase & { state: RegisteredCaseState }> {
  const loaded = await loadCase(store, caseId);
  if (loaded.revision < 0 || loaded.state.caseId === null) throw caseNotFound(caseId);
  return loaded as LoadedCase & { state: RegisteredCaseState };
}
