import type { EventStore } from '@crm/event-store';
import { loadCase } from '../cases/case-reader';
import type { CaseState } from '../cases/domain';
import { directoryViewOf } from '../directory/directory-reader';
import { institutionCountry } from '../directory/domain';
import type { InstitutionRef } from './domain';
import {
  caseClosed,
  caseOfAnotherCountry,
  institutionInactive,
  institutionInAnotherCountry,
  unknownCase,
  unknownInstitution,
} from './errors';

/**
 * What a referral's handler checks against the other contexts before its decider runs (the decider itself
 * stays pure): the case exists, belongs to the sending country and is open; the institution a referral or a
 * transfer goes to is in the directory, active, and in the country named with it.
 */

/** The case a draft refers: registered (422), owned by the sender's country (422), open (409). */
export async function requireCaseToRefer(
  store: Pick<EventStore, 'readStream'>,
  caseId: string,
  from: InstitutionRef,
): Promise<CaseState> {
  const { state, revision } = await loadCase(store, caseId);
  if (revision < 0 || state.country === null) throw unknownCase(caseId);
  if (state.country !== from.country) throw caseOfAnotherCountry(caseId, state.country, from.country);
  if (state.status === 'closed') throw caseClosed(caseId);
  return state;
}

/**
 * The receiving (or transfer) institution: in the directory (422; the directory's `directoryViewOf`), of
 * `target.country` (422: a directory id's prefix is its country), active (409).
 */
export async function requireTargetInstitution(
  store: Pick<EventStore, 'readStream'>,
  target: InstitutionRef,
  field: string,
): Promise<void> {
  const status = (await directoryViewOf(store, target.institutionId)).statusOf(target.institutionId);
  if (status === 'none') throw unknownInstitution(target.institutionId, field);
  const country = institutionCountry(target.institutionId)!;
  if (country !== target.country)
    throw institutionInAnotherCountry(target.institutionId, field, country, target.country);
  if (status !== 'active') throw institutionInactive(target.institutionId, field);
}
