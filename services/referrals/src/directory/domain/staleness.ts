import { ValidationError } from '@crm/kernel';
import { addDays, isCalendarDate } from '../../shared/formats';
import type { InstitutionState } from './state';

/**
 * The first day an active entry counts as stale, once `today` has reached it: an entry is fresh while its
 * last verification is at most `maxAgeDays` days old (verified 2020-01-01, 30 days: fresh up to 2020-01-31,
 * stale since 2020-02-01). Null while it is fresh, and for an entry not registered or deactivated (nobody is
 * asked to re-check an institution that receives no referrals). A directory is only useful while its focal
 * points are reachable: the Secretariat's dashboard and the country officials list the stale entries.
 */
export function staleSince(state: InstitutionState, today: string, maxAgeDays: number): string | null {
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || !isCalendarDate(today)) {
    throw new ValidationError(
      'referral.institution.invalid_staleness_query',
      {
        es: 'Indique la fecha de hoy (AAAA-MM-DD) y una antigüedad máxima en días (entero positivo).',
        en: "Give today's date (YYYY-MM-DD) and a maximum age in days (a positive integer).",
      },
      { today, maxAgeDays },
    );
  }
  if (state.status !== 'active' || !state.entry) return null;
  const since = addDays(state.entry.verifiedOn, maxAgeDays + 1);
  return today >= since ? since : null;
}
