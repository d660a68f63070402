import { ServiceCommand } from '@crm/service-kit';
import type { InstitutionView } from '../../institution-view';

export interface DeactivateInstitutionInput {
  institutionId: string;
  /** A code of DEACTIVATION_REASONS (no free text in the directory's events). */
  reason: string;
}

/** The institution stops receiving referrals; it keeps its history and may be reactivated. Operation `referrals.institution.manage`. */
export class DeactivateInstitutionCommand extends ServiceCommand<
  DeactivateInstitutionInput,
  InstitutionView
> {}
