import type { DomainEvent } from '@crm/decider';
import type { DeadlinePolicy } from '../../referrals/domain/deadlines';
import type { CountryPair } from './stream';

/** The pair's new policy; `previous` is the one it replaces (null: the default applied until now). */
export type DeadlinesConfigured = DomainEvent<
  'DeadlinesConfigured',
  CountryPair & {
    policy: DeadlinePolicy;
    previous: DeadlinePolicy | null;
    configuredAt: string;
    configuredBy: string;
  }
>;

export type DeadlinePolicyEvent = DeadlinesConfigured;
