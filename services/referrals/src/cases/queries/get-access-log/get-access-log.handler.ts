import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { denialEntry, Role } from '@crm/auth';
import { verifyStream } from '@crm/event-store';
import {
  PERSONAL_DATA_VIEWED,
  piiAccessStream,
  piiErasureStream,
  type PersonalDataErasedData,
  type PersonalDataViewedData,
} from '@crm/pii';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { institutionIdOf } from '../../../shared/institution-of';
import { authorizeCase } from '../../case-command';
import { requireCase } from '../../case-reader';
import { childSubject } from '../../domain';
import { notHandlingInstitution } from '../../errors';
import { GetAccessLogQuery, type CaseAccessLog } from './get-access-log.query';

/**
 * The access log of a case, for the supervisor of the institution handling it only: `referrals.case.accessLog`
 * on the case's country (the protection_supervisor role; 403, audited), the case (404), then the principal's
 * directory institution (`institutionIdOf`) must be the case's handling institution (403
 * `referral.case.not_handling_institution`, audited too). Reads `piiAccess-<caseId>` and the erasure record.
 */
@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, caseId }: GetAccessLogQuery): Promise<CaseAccessLog> {
    const via = GetAccessLogQuery.name;
    const authorized = await authorizeCase(this.deps, principal, caseId, 'referrals.case.accessLog', via);
    const { state } = await requireCase(this.deps.store, authorized.caseId);
    const own = institutionIdOf(principal);
    if (!principal.roles.includes(Role.ProtectionSupervisor) || own !== state.institutionId) {
      const error = notHandlingInstitution(state.caseId, own);
      await this.deps.audit
        ?.record(
          denialEntry(
            this.deps.clock(),
            principal,
            'referrals.case.accessLog',
            { country: state.country, method: 'COMMAND', path: via },
            'not_handling_institution',
          ),
        )
        .catch(() => undefined);
      throw error;
    }
    const views = await this.deps.store.readStream(piiAccessStream(state.caseId));
    const [erased] = await this.deps.store.readStream(piiErasureStream(childSubject(state.caseId)));
    const erasure = erased?.data as PersonalDataErasedData | undefined;
    return {
      caseId: state.caseId,
      institutionId: state.institutionId,
      entries: views
        .filter((e) => e.type === PERSONAL_DATA_VIEWED)
        .map((e) => {
          const data = e.data as PersonalDataViewedData;
          return {
            revision: e.revision,
            viewedAt: data.viewedAt,
            viewer: data.viewer,
            purpose: data.purpose,
            outcome: data.outcome,
            subjectId: data.subjectId,
          };
        }),
      erasure: erasure
        ? { erasedAt: erasure.erasedAt, erasedBy: erasure.erasedBy, reason: erasure.reason }
        : null,
      verified: verifyStream(views).ok,
    };
  }
}
