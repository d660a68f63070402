import type { CountryCode } from '@crm/kernel';
import {
  DEADLINE_STEP_CODES,
  runsDeadlines,
  type DeadlineStep,
  type InstitutionRef,
  type ReferralStatus,
} from '../../referrals/domain';
import type { ReferralPipelineRow } from '../pipeline-rows';

/** An open step whose due instant has passed. */
export interface OverdueStep {
  step: DeadlineStep;
  dueAt: string;
  /** 0 before any escalation, 1 backup focal point, 2 the Secretariat. */
  level: number;
  /** Hours since `dueAt`, at the query's instant (two decimals). */
  overdueHours: number;
}

/** One overdue referral: ids, status, deadlines and escalation only, no case data. */
export interface OverdueReferral {
  referralId: string;
  status: ReferralStatus;
  from: InstitutionRef;
  to: InstitutionRef;
  steps: OverdueStep[];
  /** The highest level among the referral's open steps. */
  escalationLevel: number;
  reminders: number;
  escalations: number;
}

/** The overdue referrals of one receiving institution (whose acknowledgement, decision or withdrawal notice is late). */
export interface OverdueInstitution extends InstitutionRef {
  referrals: OverdueReferral[];
}

export interface OverdueView {
  /** The instant "overdue" was computed for (the service's clock at the query). */
  asOf: string;
  countries: CountryCode[];
  institutions: OverdueInstitution[];
  total: number;
}

type OverdueRow = Pick<
  ReferralPipelineRow,
  'referralId' | 'status' | 'from' | 'to' | 'steps' | 'reminders' | 'escalations'
>;

/** The referral as an overdue entry at `now`, or null when no open step is past due (or no deadline runs). */
export function overdueEntry(row: OverdueRow, now: Date): OverdueReferral | null {
  if (!runsDeadlines(row)) return null;
  const open = DEADLINE_STEP_CODES.flatMap((step) => {
    const s = row.steps[step];
    return s ? [{ step, s }] : [];
  });
  const steps = open
    .filter(({ s }) => Date.parse(s.dueAt) < now.getTime())
    .map(({ step, s }) => ({
      step,
      dueAt: s.dueAt,
      level: s.level,
      overdueHours: Math.round(((now.getTime() - Date.parse(s.dueAt)) / 3_600_000) * 100) / 100,
    }));
  if (steps.length === 0) return null;
  return {
    referralId: row.referralId,
    status: row.status,
    from: { ...row.from },
    to: { ...row.to },
    steps,
    escalationLevel: Math.max(0, ...open.map(({ s }) => s.level)),
    reminders: row.reminders,
    escalations: row.escalations,
  };
}

/**
 * The overdue list at `now` (computed from the clock at query time, never stored), grouped by the receiving
 * institution whose step is late; institutions and referrals sorted by id, the most overdue first within one.
 */
export function buildOverdue(rows: readonly OverdueRow[], now: Date, countries: CountryCode[]): OverdueView {
  const groups = new Map<string, OverdueInstitution>();
  let total = 0;
  for (const row of rows) {
    const entry = overdueEntry(row, now);
    if (!entry) continue;
    total += 1;
    const key = `${row.to.country}/${row.to.institutionId}`;
    const group = groups.get(key) ?? { ...row.to, referrals: [] };
    group.referrals.push(entry);
    groups.set(key, group);
  }
  const mostOverdue = (r: OverdueReferral) => Math.max(...r.steps.map((s) => s.overdueHours));
  const institutions = [...groups.values()]
    .sort((a, b) => a.country.localeCompare(b.country) || a.institutionId.localeCompare(b.institutionId))
    .map((g) => ({
      ...g,
      referrals: g.referrals.sort(
        (a, b) => mostOverdue(b) - mostOverdue(a) || a.referralId.localeCompare(b.referralId),
      ),
    }));
  return { asOf: now.toISOString(), countries, institutions, total };
}
