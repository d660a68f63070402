import type { ProtectedRecord } from '../../shared/protected-record';
import type { BestInterestsConductorRole, BestInterestsKind, BestInterestsOutcome } from './case-codes';

/** The recommendations of an assessment or determination are free text about the child: encrypted. */
export const BEST_INTERESTS_PERSONAL_FIELDS = ['recommendations'] as const;
export type BestInterestsPersonalField = (typeof BEST_INTERESTS_PERSONAL_FIELDS)[number];

/** Who conducted it: the institution (directory id, of any member country) and the professional role. */
export interface BestInterestsConductor {
  institutionId: string;
  role: BestInterestsConductorRole;
}

/**
 * A best-interests assessment or determination as recorded on the case (UNHCR BIP). Kept on the case so a
 * receiving institution sees it under consent (category `assessments`) and need not interview the child
 * again (plan VI.1.1.4: avoid re-victimisation).
 */
export interface BestInterestsRecord {
  recordId: string;
  kind: BestInterestsKind;
  conductedBy: BestInterestsConductor;
  conductedOn: string;
  outcome: BestInterestsOutcome;
  /** Encrypted under the child's key (`child-<caseId>`), like the identifying data. */
  recommendations: ProtectedRecord<BestInterestsPersonalField>;
  recordedAt: string;
  recordedBy: string;
}
