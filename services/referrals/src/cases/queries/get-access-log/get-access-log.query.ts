import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { ViewOutcome } from '@crm/pii';

/** One recorded view of the child's personal data: who, when, why, what it showed. */
export interface AccessLogEntry {
  revision: number;
  viewedAt: string;
  viewer: { subject: string; country: string; institution: string; roles: string[] };
  purpose: string;
  /** `revealed`: the data was decrypted; `erased`: the child was erased, nothing was shown. */
  outcome: ViewOutcome;
  /** The subject whose data was viewed (`child-<caseId>`). */
  subjectId: string;
}

export interface CaseAccessLog {
  caseId: string;
  institutionId: string;
  /** Oldest first. */
  entries: AccessLogEntry[];
  /** The child's erasure, if any: who, when, why (no personal data). */
  erasure: { erasedAt: string; erasedBy: AccessLogEntry['viewer']; reason: string } | null;
  /** The log's hash chain as read back (`verifyStream`). */
  verified: boolean;
}

/** Who saw a child's personal data (`piiAccess-<caseId>`, written by the protector). */
export class GetAccessLogQuery extends Query<CaseAccessLog> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
  ) {
    super();
  }
}
