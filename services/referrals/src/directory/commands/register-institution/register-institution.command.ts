import type { LocalizedText } from '@crm/kernel';
import { ServiceCommand } from '@crm/service-kit';
import type { FocalPointInput } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';

export interface RegisterInstitutionInput {
  institutionId: string;
  country: string;
  kind: string;
  name: LocalizedText;
  intake: FocalPointInput;
  backup: FocalPointInput;
  verifiedOn: string;
}

/**
 * A country's supervisor or national system (or the Secretariat coordinator): add a protection institution
 * of that country to the directory with its two focal points (plan IV.3). Operation
 * `referrals.institution.manage`. The focal points' contacts are encrypted by the handler.
 */
export class RegisterInstitutionCommand extends ServiceCommand<RegisterInstitutionInput, InstitutionView> {}
