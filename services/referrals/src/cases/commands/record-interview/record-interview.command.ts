import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface RecordInterviewInput {
  caseId: string;
  /** Absent: derived from the Idempotency-Key, else random. */
  interviewId?: string;
  /** The interviewing institution (directory id, any member country). */
  institutionId: string;
  conductedOn: string;
  purpose: string;
}

/** Record that an institution interviewed the child (counted against re-victimisation). Operation `referrals.case.interview`. */
export class RecordInterviewCommand extends ServiceCommand<RecordInterviewInput, CaseView> {}
