import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The schema of the referral service's read models (a data source from `platform.dataSource(READ_SCHEMA)`). */
export const READ_SCHEMA = 'referrals_read';
export const CASE_REFERRALS_TABLE = `${READ_SCHEMA}.case_referrals`;

/**
 * `referrals_read.case_referrals`: which referrals each child's case has (one row per referral, from its
 * ReferralDrafted), so the consent process finds every recipient of a case when a consent changes. Ids only:
 * no child data. The entity defines the table; the migration `CreateCaseReferrals1767225600000` creates it and
 * `case-referrals.schema.pg.spec.ts` proves the two agree.
 */
@Entity({ schema: READ_SCHEMA, name: 'case_referrals' })
@Index('case_referrals_case_id', ['case_id'])
export class CaseReferralEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'case_referrals_pkey' })
  referral_id!: string;
  @Column({ type: 'text' })
  case_id!: string;
  @Column({ type: 'timestamptz' })
  drafted_at!: Date;
}

export const CONSENT_PROCESS_ENTITIES = [CaseReferralEntity];
