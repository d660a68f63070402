import { CreateDeadlines1764720000000 } from './1764720000000-create-deadlines';

export { CreateDeadlines1764720000000 };

/**
 * The durable timers' migrations, oldest first, parameterised by the owner's schema. A projection that
 * schedules deadlines lists them in its `migrations` (after its own tables'), or the service runs
 * `migrateDeadlines`.
 */
export const DEADLINE_MIGRATIONS = [CreateDeadlines1764720000000];
