import { ServiceCommand } from '@crm/service-kit';

export interface EraseChildDataInput {
  caseId: string;
  /** Why (the erasure request's reference and legal ground), 3 to 500 characters, no personal data. */
  reason: string;
}

export interface ChildDataErasure {
  caseId: string;
  /** The key subject destroyed: `child-<caseId>`. */
  subjectId: string;
  /** `already_erased`: repeating an erasure changes nothing. */
  outcome: 'erased' | 'already_erased';
  erasedAt: string | null;
}

/**
 * Crypto-shredding of a child: the key `child-<caseId>` is destroyed, so every ciphertext made with it (the
 * identifying data and the best-interests recommendations, in every event of the case) becomes unreadable;
 * the history itself is untouched and still verifies. Recorded in `piiErasure-child-<caseId>`. Operation
 * `pii.erase`: the case country's case worker (the data controller) or the platform administrator.
 */
export class EraseChildDataCommand extends ServiceCommand<EraseChildDataInput, ChildDataErasure> {}
