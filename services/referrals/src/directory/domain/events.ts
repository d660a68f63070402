import type { DomainEvent } from '@crm/decider';
import type { CountryCode, LocalizedText } from '@crm/kernel';
import type { InstitutionKind } from '../../shared/vocabulary';
import type { DeactivationReason } from './deactivation';
import type { FocalPoint } from './focal-point';

/**
 * Every event carries the institution id and the entry's `version` after it (1 at registration, +1 per
 * event), so a reader can tell which version of the entry a referral was sent against. Focal points' contacts
 * are ciphertexts (FocalPoint.contact).
 */
interface Versioned {
  institutionId: string;
  version: number;
}

export type InstitutionRegistered = DomainEvent<
  'InstitutionRegistered',
  Versioned & {
    country: CountryCode;
    kind: InstitutionKind;
    name: LocalizedText;
    intake: FocalPoint;
    backup: FocalPoint;
    verifiedOn: string;
    registeredAt: string;
    registeredBy: string;
  }
>;

/** The fields of the entry an update may change. */
export interface InstitutionChanges {
  name?: LocalizedText;
  kind?: InstitutionKind;
  intake?: FocalPoint;
  backup?: FocalPoint;
}
export type InstitutionChangedField = keyof InstitutionChanges;

export type InstitutionUpdated = DomainEvent<
  'InstitutionUpdated',
  Versioned & {
    /** Only the fields that changed, with their new values. */
    changes: InstitutionChanges;
    changed: InstitutionChangedField[];
    updatedAt: string;
    updatedBy: string;
  }
>;

export type InstitutionVerified = DomainEvent<
  'InstitutionVerified',
  Versioned & { verifiedOn: string; previousVerifiedOn: string; recordedAt: string; recordedBy: string }
>;

export type InstitutionDeactivated = DomainEvent<
  'InstitutionDeactivated',
  Versioned & { reason: DeactivationReason; deactivatedAt: string; deactivatedBy: string }
>;

export type InstitutionReactivated = DomainEvent<
  'InstitutionReactivated',
  Versioned & { reactivatedAt: string; reactivatedBy: string }
>;

export type InstitutionEvent =
  | InstitutionRegistered
  | InstitutionUpdated
  | InstitutionVerified
  | InstitutionDeactivated
  | InstitutionReactivated;
