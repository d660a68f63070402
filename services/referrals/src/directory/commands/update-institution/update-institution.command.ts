import type { LocalizedText } from '@crm/kernel';
import { ServiceCommand } from '@crm/service-kit';
import type { FocalPointInput } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';

export interface UpdateInstitutionInput {
  institutionId: string;
  name?: LocalizedText;
  kind?: string;
  intake?: FocalPointInput;
  backup?: FocalPointInput;
}

/**
 * Change an entry's name, kind or focal points; what is given and differs is recorded (a focal point given
 * with a contact is re-encrypted, so it counts as changed). Operation `referrals.institution.manage`.
 */
export class UpdateInstitutionCommand extends ServiceCommand<UpdateInstitutionInput, InstitutionView> {}
