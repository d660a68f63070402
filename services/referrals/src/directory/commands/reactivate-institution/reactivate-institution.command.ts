import { ServiceCommand } from '@crm/service-kit';
import type { InstitutionView } from '../../institution-view';

export interface ReactivateInstitutionInput {
  institutionId: string;
}

/** A deactivated institution receives referrals again. Operation `referrals.institution.manage`. */
export class ReactivateInstitutionCommand extends ServiceCommand<
  ReactivateInstitutionInput,
  InstitutionView
> {}
