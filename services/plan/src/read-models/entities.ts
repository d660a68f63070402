import { Column, Entity, getMetadataArgsStorage, Index, PrimaryColumn } from 'typeorm';

/** The schema of the plan service's read models (a data source from `platform.dataSource(READ_SCHEMA)`). */
export const READ_SCHEMA = 'plan_read';

/**
 * `plan_read.report_status`: one row per report (the per-activity regional summary and the timeliness source).
 * The entity defines the table; the migration `CreateDashboardTables1733443200000` creates it, and
 * `read-model-schema.pg.spec.ts` proves the two agree. Properties are the column names: the projection reads
 * and upserts rows with plain SQL (one statement per batch), and its rows are of this type.
 */
@Entity({ schema: READ_SCHEMA, name: 'report_status' })
@Index('report_status_period_country', ['period', 'country'])
@Index('report_status_activity_period', ['activity_id', 'period'])
export class ReportStatusEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'report_status_pkey' })
  stream_name!: string;
  @Column({ type: 'char', length: 2 })
  country!: string;
  @Column({ type: 'text' })
  activity_id!: string;
  @Column({ type: 'text' })
  objective!: string;
  @Column({ type: 'char', length: 7 })
  period!: string;
  @Column({ type: 'text' })
  workflow!: string;
  @Column({ type: 'text', nullable: true })
  content_status!: string | null;
  @Column({ type: 'text', nullable: true })
  reported_status!: string | null;
  @Column({ type: 'text', nullable: true })
  approved_status!: string | null;
  @Column({ type: 'int' })
  approved_versions!: number;
  @Column({ type: 'timestamptz', nullable: true })
  first_submitted_at!: Date | null;
  @Column({ type: 'boolean', nullable: true })
  first_late!: boolean | null;
  @Column({ type: 'timestamptz', nullable: true })
  last_submitted_at!: Date | null;
  @Column({ type: 'boolean', nullable: true })
  last_late!: boolean | null;
  @Column({ type: 'boolean' })
  changed_after_approval!: boolean;
  @Column({ type: 'int' })
  revision!: number;
  @Column({ type: 'timestamptz' })
  last_recorded_at!: Date;
}

/**
 * `plan_read.matrix_cells`: per (period, country, objective, reported status) the number of activities,
 * moved in the same transaction as the report rows it counts.
 */
@Entity({ schema: READ_SCHEMA, name: 'matrix_cells' })
export class MatrixCellEntity {
  @PrimaryColumn({ type: 'char', length: 7, primaryKeyConstraintName: 'matrix_cells_pkey' })
  period!: string;
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'matrix_cells_pkey' })
  country!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'matrix_cells_pkey' })
  objective!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'matrix_cells_pkey' })
  status!: string;
  @Column({ type: 'int' })
  activities!: number;
}

export const READ_MODEL_ENTITIES = [ReportStatusEntity, MatrixCellEntity];

/** An entity's columns in declaration order, with the element type of the array parameters of a bulk upsert. */
export function entityColumns(entity: object): Array<{ name: string; arrayType: string }> {
  return getMetadataArgsStorage()
    .filterColumns(entity as () => void)
    .map((c) => {
      const type = String(c.options.type);
      // a char(n) column takes text[] elements (a `char[]` cast would cut them to one character)
      return { name: c.options.name ?? c.propertyName, arrayType: type === 'char' ? 'text' : type };
    });
}
