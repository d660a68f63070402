import { integerFrom } from '@crm/service-kit';

/** The referral service's deadline settings, from its environment (docs/referrals.md). */
export interface EscalationConfig {
  /** REFERRALS_DEADLINE_POLL_MS: pause of the deadline runner between polls when nothing is due (default 1000). */
  pollIntervalMs: number;
  /** REFERRALS_DEADLINE_BATCH_SIZE: deadlines fired per transaction (default 50). */
  batchSize: number;
}

export const ESCALATION_DEFAULTS: EscalationConfig = { pollIntervalMs: 1_000, batchSize: 50 };

/** Injection token of the EscalationConfig. */
export const ESCALATION_CONFIG = Symbol('referrals.EscalationConfig');

/**
 * Reads and checks the variables (the kit's `integerFrom`: an invalid value throws a ConfigurationError whose
 * es/en text names the variable). Called at start by the service definition's `checkEnvironment`, before
 * anything starts, and by the EscalationModule.
 */
export function loadEscalationConfig(env: NodeJS.ProcessEnv): EscalationConfig {
  const d = ESCALATION_DEFAULTS;
  return {
    pollIntervalMs: integerFrom(env, 'REFERRALS_DEADLINE_POLL_MS', d.pollIntervalMs, 10, 600_000),
    batchSize: integerFrom(env, 'REFERRALS_DEADLINE_BATCH_SIZE', d.batchSize, 1, 1_000),
  };
}
