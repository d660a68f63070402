import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { authorizeCase } from '../../case-command';
import { requireCase } from '../../case-reader';
import { toCaseView, type CaseView } from '../../case-view';
import { GetCaseQuery } from './get-case.query';

/**
 * One case: `referrals.case.read` on its owning country (the id's prefix) first (403, audited: the
 * Secretariat and other countries), then the fold of its stream (404 when not registered).
 */
@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, caseId }: GetCaseQuery): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      caseId,
      'referrals.case.read',
      GetCaseQuery.name,
    );
    const loaded = await requireCase(this.deps.store, authorized.caseId);
    return toCaseView(this.deps.store, loaded, principal, this.deps.clock());
  }
}
