import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { CaseView } from '../../case-view';

/** The owning country's view of a case, for `principal`'s role. */
export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
  ) {
    super();
  }
}
