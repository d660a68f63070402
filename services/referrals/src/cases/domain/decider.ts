import type { Decider } from '@crm/decider';
import type { CaseCommand } from './commands';
import { decideCase } from './decide';
import type { CaseEvent } from './events';
import { evolveCase, initialCaseState, type CaseState } from './state';

/** The decider of a `referralCase-<caseId>` stream: one child's case. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
