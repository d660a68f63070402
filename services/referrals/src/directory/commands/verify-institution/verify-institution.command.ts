import { ServiceCommand } from '@crm/service-kit';
import type { InstitutionView } from '../../institution-view';

export interface VerifyInstitutionInput {
  institutionId: string;
  /** The day the entry was checked again with the institution (`YYYY-MM-DD`). */
  verifiedOn: string;
}

/** The entry was checked again with the institution (keeps it off the stale list). Operation `referrals.institution.manage`. */
export class VerifyInstitutionCommand extends ServiceCommand<VerifyInstitutionInput, InstitutionView> {}
