import type { CaseReferralsTable } from '../case-referrals-table';

/** The consent process's table in memory (unit specs): same contract as `sqlCaseReferrals`. */
export function memoryCaseReferrals(): CaseReferralsTable & {
  rows: Array<{ caseId: string; referralId: string }>;
} {
  const rows: Array<{ caseId: string; referralId: string; draftedAt: string }> = [];
  return {
    rows,
    async add(row) {
      if (!rows.some((r) => r.referralId === row.referralId)) rows.push({ ...row });
    },
    async referralsOf(caseId) {
      return rows
        .filter((r) => r.caseId === caseId)
        .sort((a, b) => a.draftedAt.localeCompare(b.draftedAt) || a.referralId.localeCompare(b.referralId))
        .map((r) => r.referralId);
    },
  };
}
