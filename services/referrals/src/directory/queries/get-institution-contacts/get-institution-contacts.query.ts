import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { CountryCode } from '@crm/kernel';
import type { FocalPointRole } from '../../domain';

/** A focal point's contact as revealed: each field in clear, or `{ erased: true }` once erased. */
export interface RevealedFocalPoint {
  role: FocalPointRole;
  focalPointId: string;
  languages: string[];
  contact: { name?: unknown; email?: unknown; phone?: unknown };
  erased: boolean;
}

export interface InstitutionContacts {
  institutionId: string;
  country: CountryCode;
  version: number;
  purpose: string;
  focalPoints: RevealedFocalPoint[];
}

/**
 * The contacts of an institution's focal points, decrypted through the protector's `reveal` (purpose
 * required; each focal point's view recorded in the access log `piiAccess-<institutionId>` first).
 */
export class GetInstitutionContactsQuery extends Query<InstitutionContacts> {
  constructor(
    readonly principal: Principal,
    readonly institutionId: string,
    readonly purpose: string | undefined,
  ) {
    super();
  }
}
