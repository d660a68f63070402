import type { CountryCode } from '@crm/kernel';
import type { Accompaniment, AgeBand, CaseIndicators } from '../../cases/domain';
import type { ReferralStatus } from '../../referrals/domain';
import type { CaseIndicatorEntry, CaseRow, ReferralPipelineRow } from '../pipeline-rows';
import type { Semester } from './semester';

/** The statuses a referred child is counted under (a draft was never sent; an entry in error never counts). */
export const AGGREGATE_STATUSES = [
  'requested',
  'acknowledged',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'revoked',
] as const satisfies readonly ReferralStatus[];
export type AggregateStatus = (typeof AGGREGATE_STATUSES)[number];

/**
 * The unit of every aggregate table: one child referred from one member country to another. A child's case
 * with referrals SENT during the semester counts once per (sending, receiving) pair; a child referred to two
 * countries counts in both. Everything is as it stood at the END of the semester (the receiving country after
 * any transfer, the status, the indicators), so the tables of an ended semester never change: publishing
 * them again cannot give anyone away by difference.
 */
export interface ReferredChild {
  from: CountryCode;
  to: CountryCode;
  status: AggregateStatus;
  ageBand: AgeBand;
  sex: CaseIndicators['sex'];
  accompaniment: Accompaniment;
}

/** The last entry of a time-ordered history with `at` before `end`, or null. */
export function asOf<T extends { at: string }>(history: readonly T[], end: string): T | null {
  const limit = Date.parse(end);
  let found: T | null = null;
  for (const entry of history) if (Date.parse(entry.at) < limit) found = entry;
  return found;
}

type UnitRow = Pick<ReferralPipelineRow, 'referralId' | 'caseId' | 'from' | 'sentAt' | 'history'>;

/**
 * The referred children of a semester: the referrals sent in it (`rows` may hold others; they are left out),
 * each with its receiving country and status at the semester's end, and its case's indicators at that instant.
 * Left out: referrals entered in error by then, and referrals whose case has no registration before the end
 * (the service registers a case before any referral, so only damaged data would lack one). Of several
 * referrals of one child on one pair, the last sent gives the status.
 */
export function referredChildren(
  rows: readonly UnitRow[],
  cases: ReadonlyMap<string, Pick<CaseRow, 'history'>>,
  semester: Semester,
): ReferredChild[] {
  const start = Date.parse(semester.start);
  const end = Date.parse(semester.end);
  const latest = new Map<string, { sentAt: number; referralId: string; unit: ReferredChild }>();
  for (const row of rows) {
    if (row.sentAt === null) continue;
    const sentAt = Date.parse(row.sentAt);
    if (sentAt < start || sentAt >= end) continue;
    const state = asOf(row.history, semester.end);
    if (!state || state.status === 'entered_in_error' || state.status === 'draft') continue;
    const indicators: CaseIndicatorEntry | null = asOf(cases.get(row.caseId)?.history ?? [], semester.end);
    if (!indicators) continue;
    const key = `${row.caseId}|${row.from.country}|${state.to}`;
    const seen = latest.get(key);
    if (seen && (seen.sentAt > sentAt || (seen.sentAt === sentAt && seen.referralId > row.referralId)))
      continue;
    latest.set(key, {
      sentAt,
      referralId: row.referralId,
      unit: {
        from: row.from.country,
        to: state.to,
        status: state.status,
        ageBand: indicators.ageBand,
        sex: indicators.sex,
        accompaniment: indicators.accompaniment,
      },
    });
  }
  return [...latest.values()].map((v) => v.unit);
}
