import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface RecordBestInterestsInput {
  caseId: string;
  /** Absent: derived from the Idempotency-Key, else random. */
  recordId?: string;
  /** `assessment` or `determination` (a determination needs a prior assessment). */
  kind: string;
  conductedBy: { institutionId: string; role: string };
  conductedOn: string;
  outcome: string;
  /** Free text about the child, in clear: encrypted by the handler under the child's key. */
  recommendations: string;
}

/**
 * Record a best-interests assessment or determination (UNHCR BIP) with its recommendations encrypted.
 * Operation `referrals.case.assess` (the case's country; a country it is referred to through the referral).
 */
export class RecordBestInterestsCommand extends ServiceCommand<RecordBestInterestsInput, CaseView> {}
