import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface ConsentScopeInput {
  categories: string[];
  countries?: string[];
  institutions?: string[];
  purpose: string[];
  validUntil: string;
}

export interface RecordConsentInput {
  caseId: string;
  /** Absent: derived from the Idempotency-Key, else random. */
  consentId?: string;
  givenBy: string;
  form: string;
  scope: ConsentScopeInput;
}

/** Record the child's consent or assent, or a guardian's consent, to share parts of the case. Operation `referrals.case.consent`. */
export class RecordConsentCommand extends ServiceCommand<RecordConsentInput, CaseView> {}
