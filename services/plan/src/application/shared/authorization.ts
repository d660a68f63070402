import { Logger } from '@nestjs/common';
import { actorOf, enforce, type AuditSink, type Operation, type Principal, type Resource } from '@crm/auth';
import type { Actor } from '@crm/event-store';
import type { Clock } from '@crm/kernel';

const logger = new Logger('PlanCommands');

/** Where command denials are recorded: `path` of the audit row (method `COMMAND`). */
const VIA = 'PlanCommands';

/** No sink configured (unit tests without AuthModule): the denial is still a 403, just not stored. */
const NO_AUDIT: AuditSink = { record: async () => undefined };

/**
 * The sink as `enforce` sees it: a failing record is logged for operators, then rethrown for `enforce`,
 * which refuses the command either way.
 */
function loggingFailures(audit: AuditSink): AuditSink {
  return {
    record: (entry) =>
      audit.record(entry).catch((e: Error) => {
        logger.error(`audit sink failed to record a denial: ${e.message}`);
        throw e;
      }),
  };
}

/**
 * Authorises `operation` with the auth library's `enforce` (a denial is recorded in the audit sink, as the
 * HTTP OperationGuard does, and thrown as its ForbiddenError, 403) and returns the events' actor from
 * `actorOf`, under the role that granted the operation.
 */
export async function authorizeCommand(
  deps: { audit?: AuditSink; clock: Clock; via?: string },
  principal: Principal,
  operation: Operation,
  resource: Resource,
): Promise<Actor> {
  const audit = deps.audit ? loggingFailures(deps.audit) : NO_AUDIT;
  const { grantedBy } = await enforce({ audit, clock: deps.clock, via: deps.via ?? VIA }, principal, operation, resource);
  return actorOf(principal, grantedBy);
}
