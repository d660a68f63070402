import { ServiceCommand } from '@crm/service-kit';
import type { DeadlinePolicy } from '../../../referrals/domain';
import type { DeadlinePolicyView } from '../../deadline-policy-reader';

/** The operation that guards it: the Secretariat coordinator's (referrals.policy.ts). */
export const CONFIGURE_DEADLINES_OPERATION = 'referrals.deadlines.configure' as const;

export interface ConfigureDeadlinesInput {
  from: string;
  to: string;
  policy: DeadlinePolicy;
}

/**
 * Secretariat coordinator: sets the deadlines of referrals sent from `from` to `to` (whole hours, 1 to 720;
 * deciding not before acknowledging). Referrals sent from then on get them; the same policy again records
 * nothing.
 */
export class ConfigureDeadlinesCommand extends ServiceCommand<ConfigureDeadlinesInput, DeadlinePolicyView> {}
