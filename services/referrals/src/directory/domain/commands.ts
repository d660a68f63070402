import type { CountryCode, LocalizedText } from '@crm/kernel';
import type { InstitutionKind } from '../../shared/vocabulary';
import type { DeactivationReason } from './deactivation';
import type { FocalPoint } from './focal-point';

/** A country official: add a protection institution of their country to the directory (plan IV.3). */
export interface RegisterInstitution {
  type: 'RegisterInstitution';
  institutionId: string;
  country: CountryCode;
  kind: InstitutionKind;
  /** The institution's name in both languages of the network. */
  name: LocalizedText;
  intake: FocalPoint;
  backup: FocalPoint;
  /** When the entry was checked with the institution (`YYYY-MM-DD`, not in the future). */
  verifiedOn: string;
}

/** Change the name, kind or focal points; what is given and differs is recorded, nothing else. */
export interface UpdateInstitution {
  type: 'UpdateInstitution';
  institutionId: string;
  name?: LocalizedText;
  kind?: InstitutionKind;
  intake?: FocalPoint;
  backup?: FocalPoint;
}

/** The entry was checked again with the institution on `verifiedOn` (not in the future, not before the last). */
export interface VerifyInstitution {
  type: 'VerifyInstitution';
  institutionId: string;
  verifiedOn: string;
}

/** The institution no longer receives referrals (it keeps its history; it may be reactivated). */
export interface DeactivateInstitution {
  type: 'DeactivateInstitution';
  institutionId: string;
  reason: DeactivationReason;
}

export interface ReactivateInstitution {
  type: 'ReactivateInstitution';
  institutionId: string;
}

export type InstitutionCommand =
  RegisterInstitution | UpdateInstitution | VerifyInstitution | DeactivateInstitution | ReactivateInstitution;
