import { ServiceCommand } from '@crm/service-kit';
import type { ChildIdentifyingInput } from '../../case-command';
import type { CaseView } from '../../case-view';

export interface RegisterCaseInput {
  /** `<country>-<uuid v4>`; absent: derived from the Idempotency-Key (a retry addresses the same case), else random. */
  caseId?: string;
  /** The handling institution: of the registering country, active in the directory. */
  institutionId: string;
  /** The common registration indicators (non-identifying, in clear). */
  indicators: unknown;
  /** The child's identifying data in clear: encrypted by the handler, never stored or answered as typed. */
  identifying?: ChildIdentifyingInput;
}

/**
 * A country's case worker or national system: open a child's case with the common registration indicators
 * and the child's identifying data (encrypted under `child-<caseId>`). Operation `referrals.case.register`
 * on the case's country.
 */
export class RegisterCaseCommand extends ServiceCommand<RegisterCaseInput, CaseView> {}
