import type { EntityManager } from 'typeorm';
import { CASE_REFERRALS_TABLE } from './case-referrals.entity';

/** The consent process's one table, as the processor uses it (SQL inside the projection's transaction). */
export interface CaseReferralsTable {
  /** Records that `referralId` refers `caseId` (a repeat changes nothing). */
  add(row: { caseId: string; referralId: string; draftedAt: string }): Promise<void>;
  /** The referrals of a case, oldest draft first. */
  referralsOf(caseId: string): Promise<string[]>;
}

/** The table through the projection's transaction (`handleOnce`: effects, processed id and checkpoint together). */
export function sqlCaseReferrals(manager: EntityManager): CaseReferralsTable {
  return {
    async add({ caseId, referralId, draftedAt }) {
      await manager.query(
        `INSERT INTO ${CASE_REFERRALS_TABLE} (referral_id, case_id, drafted_at) VALUES ($1, $2, $3)
         ON CONFLICT (referral_id) DO NOTHING`,
        [referralId, caseId, draftedAt],
      );
    },
    async referralsOf(caseId) {
      const rows: Array<{ referral_id: string }> = await manager.query(
        `SELECT referral_id FROM ${CASE_REFERRALS_TABLE} WHERE case_id = $1 ORDER BY drafted_at, referral_id`,
        [caseId],
      );
      return rows.map((r) => r.referral_id);
    },
  };
}
