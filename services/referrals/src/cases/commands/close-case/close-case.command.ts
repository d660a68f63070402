import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface CloseCaseInput {
  caseId: string;
  /** A code of CASE_CLOSURE_OUTCOMES. */
  outcome: string;
}

/** Close a case with its outcome (closing again with the same outcome records nothing). Operation `referrals.case.update`. */
export class CloseCaseCommand extends ServiceCommand<CloseCaseInput, CaseView> {}
