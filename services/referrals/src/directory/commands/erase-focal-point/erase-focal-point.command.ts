import { ServiceCommand } from '@crm/service-kit';
import type { InstitutionView } from '../../institution-view';

export interface EraseFocalPointInput {
  institutionId: string;
  focalPointId: string;
  /** Why (the erasure request's reference and legal ground), 3 to 500 characters, no personal data. */
  reason: string;
}

export interface FocalPointErasure {
  institutionId: string;
  focalPointId: string;
  /** `already_erased`: repeating an erasure changes nothing. */
  outcome: 'erased' | 'already_erased';
  /** The entry afterwards: the focal point's contact shows as erased. */
  institution: InstitutionView;
}

/**
 * Crypto-shredding of a focal point's contact: their key `focalPoint-<focalPointId>` is destroyed, so every
 * copy of their name, email and phone (in every version of the entry) becomes unreadable; the erasure is
 * recorded in `piiErasure-focalPoint-<id>`. Operation `pii.erase` (checked by the protector): the
 * institution country's case worker (data controller) or the platform administrator.
 */
export class EraseFocalPointCommand extends ServiceCommand<EraseFocalPointInput, FocalPointErasure> {}
