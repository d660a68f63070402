import { Logger } from '@nestjs/common';
import { isJurisdiction, type Clock } from '@crm/kernel';
import type { Actor } from '@crm/event-store';
import type { AccessAuditEntry, AuditSink } from './audit';
import { ForbiddenError } from './errors';
import type { Decision, Resource } from './policy';
import type { Principal, Role } from './principal';

/** The audit entry of a denial (shared by the HTTP guard and non-HTTP callers). */
export function denialEntry(
  at: Date,
  principal: Principal,
  operation: string,
  resource: AccessAuditEntry['resource'],
  reason: string,
): AccessAuditEntry {
  return {
    at,
    principal: {
      subject: principal.subject,
      country: principal.country,
      institution: principal.institution,
      roles: principal.roles,
      ...(principal.organisation ? { organisation: principal.organisation } : {}),
    },
    operation,
    resource,
    outcome: 'denied',
    reason,
  };
}

/** The event actor for a principal acting under `role` (observers and civil society have no jurisdiction). */
export function actorOf(principal: Principal, role: Role): Actor {
  if (!isJurisdiction(principal.country)) {
    throw new ForbiddenError('no_member_country', {
      es: 'Esta identidad no pertenece a un país miembro ni a la Secretaría y no puede registrar eventos de país.',
      en: 'This identity belongs to neither a member country nor the Secretariat and cannot record country events.',
    });
  }
  return { subject: principal.subject, role, country: principal.country, institution: principal.institution };
}

const logger = new Logger('enforce');

/**
 * The operator-facing line of a failed denial record: operation, reason, where and the sink's error, never
 * the resource (its purpose text is free text) nor the principal's identity.
 */
export function auditFailureLine(operation: string, reason: string, via: string, error: unknown): string {
  const cause = error instanceof Error ? error.message : String(error);
  return `audit sink failed to record a denial of ${operation} (${reason}) via ${via}: ${cause}`;
}

/** What a non-HTTP check needs: where denials are recorded, the clock, where the call came from. */
export interface EnforceDeps {
  audit: AuditSink;
  clock: Clock;
  /** Recorded as the denial's path (method `COMMAND`); default the operation. */
  via?: string;
  log?: (line: string) => void;
}

/**
 * The non-HTTP half of a decision (a Policy's `enforce`): allowed → the granting role; denied → recorded in
 * `audit`, then ForbiddenError (403). A failing sink does not turn a denial into an allow; its failure is logged
 * (`log`, default the Nest logger, context `enforce`).
 */
export async function enforceDecision(
  decision: Decision,
  deps: EnforceDeps,
  principal: Principal,
  operation: string,
  resource: Resource,
): Promise<{ grantedBy: Role }> {
  if (decision.allowed) return { grantedBy: decision.grantedBy };
  const via = deps.via ?? operation;
  try {
    await deps.audit.record(
      denialEntry(
        deps.clock(),
        principal,
        operation,
        { ...resource, method: 'COMMAND', path: via },
        decision.reason,
      ),
    );
  } catch (e) {
    (deps.log ?? ((line: string) => logger.error(line)))(
      auditFailureLine(operation, decision.reason, via, e),
    );
  }
  throw new ForbiddenError(decision.reason, decision.message, { operation });
}
