import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface UpdateIndicatorsInput {
  caseId: string;
  /** The complete, corrected set of indicators (the same set again records nothing). */
  indicators: unknown;
}

/** Replace a case's indicators with a corrected complete set. Operation `referrals.case.update`. */
export class UpdateIndicatorsCommand extends ServiceCommand<UpdateIndicatorsInput, CaseView> {}
