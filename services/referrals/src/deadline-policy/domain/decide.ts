import { ForbiddenError, SECRETARIAT, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { DeadlinePolicy } from '../../referrals/domain/deadlines';
import type { ConfigureDeadlines, DeadlinePolicyCommand } from './commands';
import type { DeadlinePolicyEvent } from './events';
import type { DeadlinePolicyState } from './state';
import { validCountryPair } from './stream';

/** The role that configures deadlines (`Role.SecretariatCoordinator` of @crm/auth), acting for the Secretariat. */
export const DEADLINE_POLICY_ROLE = 'secretariat_coordinator';
/** Bounds of every deadline, in whole hours: at least 1 hour, at most 30 days. */
export const DEADLINE_HOURS_MIN = 1;
export const DEADLINE_HOURS_MAX = 720;

const FIELDS: ReadonlyArray<{ key: keyof DeadlinePolicy; es: string; en: string }> = [
  { key: 'acknowledgeWithinHours', es: 'el plazo para acusar recibo', en: 'the deadline to acknowledge' },
  { key: 'decideWithinHours', es: 'el plazo para decidir', en: 'the deadline to decide' },
  {
    key: 'withdrawalAcknowledgeWithinHours',
    es: 'el plazo para acusar un retiro del consentimiento',
    en: 'the deadline to acknowledge a consent withdrawal',
  },
];

/** Each deadline a whole number of hours, 1 to 720; deciding cannot be due before acknowledging (422). */
export function validDeadlinePolicy(value: unknown): DeadlinePolicy {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  for (const field of FIELDS) {
    const hours = raw[field.key];
    if (
      !Number.isInteger(hours) ||
      (hours as number) < DEADLINE_HOURS_MIN ||
      (hours as number) > DEADLINE_HOURS_MAX
    ) {
      throw new ValidationError(
        'referral_deadline_policy.invalid_hours',
        {
          es: `${capital(field.es)} ("${field.key}") debe ser un número entero de horas entre ${DEADLINE_HOURS_MIN} y ${DEADLINE_HOURS_MAX} (30 días), no ${String(hours)}.`,
          en: `${capital(field.en)} ("${field.key}") must be a whole number of hours from ${DEADLINE_HOURS_MIN} to ${DEADLINE_HOURS_MAX} (30 days), not ${String(hours)}.`,
        },
        { field: field.key, value: hours ?? null, min: DEADLINE_HOURS_MIN, max: DEADLINE_HOURS_MAX },
      );
    }
  }
  const policy: DeadlinePolicy = {
    acknowledgeWithinHours: raw.acknowledgeWithinHours as number,
    decideWithinHours: raw.decideWithinHours as number,
    withdrawalAcknowledgeWithinHours: raw.withdrawalAcknowledgeWithinHours as number,
  };
  if (policy.decideWithinHours < policy.acknowledgeWithinHours) {
    throw new ValidationError(
      'referral_deadline_policy.decide_before_acknowledge',
      {
        es: `El plazo para decidir (${policy.decideWithinHours} h) no puede ser menor que el plazo para acusar recibo (${policy.acknowledgeWithinHours} h).`,
        en: `The deadline to decide (${policy.decideWithinHours} h) cannot be shorter than the deadline to acknowledge (${policy.acknowledgeWithinHours} h).`,
      },
      { ...policy },
    );
  }
  return policy;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function requireCoordinator(actor: DecisionContext['actor']): void {
  if (actor.role === DEADLINE_POLICY_ROLE && actor.country === SECRETARIAT) return;
  throw new ForbiddenError(
    'referral_deadline_policy.forbidden',
    {
      es: 'Solo la coordinación de la Secretaría Técnica configura los plazos de las referencias entre países.',
      en: 'Only the Technical Secretariat’s coordinator configures the deadlines of referrals between countries.',
    },
    { role: actor.role, country: actor.country },
  );
}

function samePolicy(a: DeadlinePolicy | null, b: DeadlinePolicy): boolean {
  return (
    a !== null &&
    a.acknowledgeWithinHours === b.acknowledgeWithinHours &&
    a.decideWithinHours === b.decideWithinHours &&
    a.withdrawalAcknowledgeWithinHours === b.withdrawalAcknowledgeWithinHours
  );
}

/**
 * Secretariat coordinator: sets the pair's policy. Checks the pair and hours (422), that the command is for
 * the stream's pair (422), the actor (403); the very same policy again records nothing. A new policy applies
 * to referrals sent from then on; those already sent keep their deadlines.
 */
export function configureDeadlines(
  command: ConfigureDeadlines,
  state: DeadlinePolicyState,
  context: DecisionContext,
): DeadlinePolicyEvent[] {
  const pair = validCountryPair(command);
  const policy = validDeadlinePolicy(command.policy);
  if (state.pair && (state.pair.from !== pair.from || state.pair.to !== pair.to)) {
    throw new ValidationError(
      'referral_deadline_policy.pair_mismatch',
      {
        es: `El comando es para ${pair.from} → ${pair.to}, pero este registro es de ${state.pair.from} → ${state.pair.to}.`,
        en: `The command is for ${pair.from} → ${pair.to}, but this record is for ${state.pair.from} → ${state.pair.to}.`,
      },
      { command: pair, stream: state.pair },
    );
  }
  requireCoordinator(context.actor);
  if (samePolicy(state.policy, policy)) return [];
  return [
    {
      type: 'DeadlinesConfigured',
      data: {
        ...pair,
        policy,
        previous: state.policy,
        configuredAt: context.now.toISOString(),
        configuredBy: context.actor.subject,
      },
    },
  ];
}

/** Decides a deadline-policy command; the compiler checks that every command has its case. */
export function decideDeadlinePolicy(
  command: DeadlinePolicyCommand,
  state: DeadlinePolicyState,
  context: DecisionContext,
): DeadlinePolicyEvent[] {
  switch (command.type) {
    case 'ConfigureDeadlines':
      return configureDeadlines(command, state, context);
    default: {
      // one command so far: the discriminant itself narrows to never
      const _never: never = command.type;
      const type = String(_never);
      throw new ValidationError('referral_deadline_policy.unknown_command', {
        es: `Comando desconocido: ${type}.`,
        en: `Unknown command: ${type}.`,
      });
    }
  }
}
