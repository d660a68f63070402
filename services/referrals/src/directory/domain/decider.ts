import type { Decider } from '@crm/decider';
import type { InstitutionCommand } from './commands';
import { decideInstitution } from './decide';
import type { InstitutionEvent } from './events';
import { evolveInstitution, initialInstitutionState, type InstitutionState } from './state';

/** The decider of a `referralInstitution-<institutionId>` stream: one directory entry and its versions. */
export const institutionDecider: Decider<InstitutionCommand, InstitutionEvent, InstitutionState> = {
  decide: decideInstitution,
  evolve: evolveInstitution,
  initialState: initialInstitutionState,
};
