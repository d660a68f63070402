import { actorOf, type AuditSink, type Principal, type Resource } from '@crm/auth';
import { enforce, type PlanOperation as Operation } from '../plan.policy';
import type { Actor } from '@crm/event-store';
import type { Clock } from '@crm/kernel';

/** `path` of the audit row of a command denial (method `COMMAND`) when the handler names no command. */
const VIA = 'CommandBus';

/** No sink configured (unit tests without AuthModule): the denial is still a 403, just not stored. */
const NO_AUDIT: AuditSink = { record: async () => undefined };

/**
 * Authorises `operation` with the auth library's `enforce` (a denial is recorded in the audit sink, as the
 * HTTP OperationGuard does; a failing sink is logged by `enforce` and the command refused anyway, 403) and
 * returns the events' actor from `actorOf`, under the role that granted the operation. `via` names the command
 * in the audit row (e.g. `SaveDraftCommand`).
 */
export async function authorizeCommand(
  deps: { audit?: AuditSink; clock: Clock; via?: string },
  principal: Principal,
  operation: Operation,
  resource: Resource,
): Promise<Actor> {
  const { grantedBy } = await enforce(
    { audit: deps.audit ?? NO_AUDIT, clock: deps.clock, via: deps.via ?? VIA },
    principal,
    operation,
    resource,
  );
  return actorOf(principal, grantedBy);
}
