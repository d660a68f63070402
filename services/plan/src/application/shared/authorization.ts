import { Logger } from '@nestjs/common';
import { authorize, ForbiddenError, type AuditSink, type Operation, type Principal, type Resource } from '@crm/auth';
import type { Actor } from '@crm/event-store';
import { isJurisdiction, type Clock } from '@crm/kernel';

const logger = new Logger('PlanCommands');

/**
 * Authorises `operation` for non-HTTP and HTTP callers alike. A denial is recorded in the audit sink
 * (as the HTTP OperationGuard does) and thrown as the auth library's ForbiddenError (403).
 * Returns the actor for the events: the role is the one that granted the operation.
 */
export async function authorizeCommand(
  deps: { audit?: AuditSink; clock: Clock; via?: string },
  principal: Principal,
  operation: Operation,
  resource: Resource,
): Promise<Actor> {
  const decision = authorize(principal, operation, resource);
  if (!decision.allowed) {
    await deps.audit
      ?.record({
        at: deps.clock(),
        principal: {
          subject: principal.subject,
          country: principal.country,
          institution: principal.institution,
          roles: principal.roles,
          ...(principal.organisation ? { organisation: principal.organisation } : {}),
        },
        operation,
        resource: { ...resource, method: 'COMMAND', path: deps.via ?? 'PlanCommands' },
        outcome: 'denied',
        reason: decision.reason,
      })
      // the command is refused either way; a failing audit sink must be visible to operators
      .catch((e: Error) => logger.error(`audit sink failed to record a denial: ${e.message}`));
    throw new ForbiddenError(decision.reason, decision.message, { operation });
  }
  if (!isJurisdiction(principal.country)) throw new ForbiddenError('no_member_country', { es: 'Identidad sin jurisdicción.', en: 'Identity without a jurisdiction.' }, { operation });
  return { subject: principal.subject, role: decision.grantedBy, country: principal.country, institution: principal.institution };
}
