import { Column, Entity, getMetadataArgsStorage, Index, PrimaryColumn } from 'typeorm';

/** The schema of the referral service's read models (a data source from `platform.dataSource(READ_SCHEMA)`). */
export const READ_SCHEMA = 'referrals_read';

/**
 * `referrals_read.referral_pipeline`: one row per referral, for the pipeline, timing and overdue dashboards and
 * the Secretariat's aggregates. Only codes, country and institution ids, instants and counters: no child data,
 * no note, no reason text, nothing encrypted. `case_id` is kept to join the case's indicators for the
 * aggregates; no query serves it. `steps` holds the domain's `StepDeadline` per open step (so the projection
 * folds deadlines with the domain's own `evolveReferral`); `history` the instants the status or the receiving
 * country changed (`[{ at, status, to }]`, what the aggregates of an ended period read). The entity defines the
 * table; the migration `CreateReferralPipelineTables1765000000000` creates it (read-model-schema.pg.spec.ts
 * proves the two agree). Properties are the column names: the projection reads and upserts rows with SQL.
 */
@Entity({ schema: READ_SCHEMA, name: 'referral_pipeline' })
@Index('referral_pipeline_from_country', ['from_country'])
@Index('referral_pipeline_to_country', ['to_country'])
@Index('referral_pipeline_sent_at', ['sent_at'])
@Index('referral_pipeline_next_due_at', ['next_due_at'])
export class ReferralPipelineEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'referral_pipeline_pkey' })
  referral_id!: string;
  @Column({ type: 'text' })
  case_id!: string;
  @Column({ type: 'char', length: 2 })
  from_country!: string;
  @Column({ type: 'text' })
  from_institution!: string;
  @Column({ type: 'char', length: 2 })
  to_country!: string;
  @Column({ type: 'text' })
  to_institution!: string;
  /** Every country the referral concerns: sender, current and earlier receivers, proposed transferees. */
  @Column({ type: 'text', array: true })
  countries!: string[];
  @Column({ type: 'text' })
  status!: string;
  @Column({ type: 'text' })
  urgency!: string;
  @Column({ type: 'timestamptz' })
  drafted_at!: Date;
  @Column({ type: 'timestamptz', nullable: true })
  sent_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  acknowledged_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  accepted_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  declined_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  completed_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  revoked_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true })
  entered_in_error_at!: Date | null;
  @Column({ type: 'jsonb' })
  steps!: unknown;
  /** The earliest due instant of an open step (null: no step open). */
  @Column({ type: 'timestamptz', nullable: true })
  next_due_at!: Date | null;
  /** The highest escalation level of an open step (0: none escalated, or no step open). */
  @Column({ type: 'int' })
  escalation_level!: number;
  @Column({ type: 'int' })
  reminders!: number;
  @Column({ type: 'int' })
  escalations!: number;
  @Column({ type: 'jsonb' })
  history!: unknown;
  /** The revision of the last event of `referral-<referral_id>` applied (re-delivery at or below: ignored). */
  @Column({ type: 'int' })
  revision!: number;
  @Column({ type: 'timestamptz' })
  updated_at!: Date;
}

/**
 * `referrals_read.referral_pipeline_cases`: one row per child's case with ONLY the non-identifying indicators
 * the aggregates break children down by (age band, sex, accompaniment), their history (`[{ at, ageBand, sex,
 * accompaniment }]`, so an ended period reads the values it had) and `erased`: the child's key was destroyed
 * (`PersonalDataErased` for subject `child-<case_id>`). No name, date of birth, free text or ciphertext.
 * `revision` is the case stream's (-1 while only the erasure is known).
 */
@Entity({ schema: READ_SCHEMA, name: 'referral_pipeline_cases' })
export class ReferralPipelineCaseEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'referral_pipeline_cases_pkey' })
  case_id!: string;
  @Column({ type: 'char', length: 2 })
  country!: string;
  @Column({ type: 'text', nullable: true })
  age_band!: string | null;
  @Column({ type: 'text', nullable: true })
  sex!: string | null;
  @Column({ type: 'text', nullable: true })
  accompaniment!: string | null;
  @Column({ type: 'timestamptz', nullable: true })
  registered_at!: Date | null;
  @Column({ type: 'jsonb' })
  history!: unknown;
  @Column({ type: 'boolean' })
  erased!: boolean;
  @Column({ type: 'timestamptz', nullable: true })
  erased_at!: Date | null;
  @Column({ type: 'int' })
  revision!: number;
}

export const PIPELINE_ENTITIES = [ReferralPipelineEntity, ReferralPipelineCaseEntity];

/**
 * An entity's columns in declaration order with the SQL type a `jsonb_to_recordset` row takes for each
 * (`char(n)` read as text, arrays as `<type>[]`): what the projection's one-statement upserts list.
 */
export function entityColumns(entity: object): Array<{ name: string; sqlType: string }> {
  return getMetadataArgsStorage()
    .filterColumns(entity as () => void)
    .map((c) => {
      const type = String(c.options.type);
      const base = type === 'char' ? 'text' : type;
      return { name: c.options.name ?? c.propertyName, sqlType: c.options.array ? `${base}[]` : base };
    });
}
