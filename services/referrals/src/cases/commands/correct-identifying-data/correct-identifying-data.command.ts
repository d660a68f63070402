import { ServiceCommand } from '@crm/service-kit';
import type { ChildIdentifyingInput } from '../../case-command';
import type { CaseView } from '../../case-view';

export interface CorrectIdentifyingDataInput {
  caseId: string;
  /** The fields to set, in clear: encrypted by the handler under the child's key. */
  identifying?: ChildIdentifyingInput;
  /** The fields to remove. */
  remove?: string[];
}

/**
 * Correct or remove identifying fields (also on a closed case). Operation `referrals.case.update`. After
 * the child's erasure nothing can be encrypted under their key any more (409 `pii.subject_erased`).
 */
export class CorrectIdentifyingDataCommand extends ServiceCommand<CorrectIdentifyingDataInput, CaseView> {}
