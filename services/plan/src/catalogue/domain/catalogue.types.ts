/**
 * The strategic-plan catalogue: the shape of `services/plan/catalogue/<plan>.json`
 * (JSON Schema: `services/plan/catalogue/catalogue.schema.json`).
 * Ids: objective = roman numeral ("IV"), result = "<objective>.<n>" ("IV.1"),
 * activity = "<result id>.<activity number as printed>" ("IV.1.1.1" = objective IV, result 1, activity 1.1).
 */
import type { LocalizedText } from '@crm/kernel';

/** The closed set of schedule values used by the plan's table (Spanish, as printed after case normalisation). */
export const SCHEDULE_VALUES = [
  'Continuo',
  'I Semestre',
  'II Semestre',
  'I Trimestre',
  'I y II Semestre',
  'Dos veces al año',
  'Por definir',
] as const;
export type ScheduleValue = (typeof SCHEDULE_VALUES)[number];

/** English labels of the schedule values (the data keep the Spanish). */
export const SCHEDULE_VALUE_LABELS: Record<ScheduleValue, LocalizedText> = {
  Continuo: { es: 'Continuo', en: 'Ongoing' },
  'I Semestre': { es: 'I Semestre', en: 'First half of the year' },
  'II Semestre': { es: 'II Semestre', en: 'Second half of the year' },
  'I Trimestre': { es: 'I Trimestre', en: 'First quarter' },
  'I y II Semestre': { es: 'I y II Semestre', en: 'First and second half of the year' },
  'Dos veces al año': { es: 'Dos veces al año', en: 'Twice a year' },
  'Por definir': { es: 'Por definir', en: 'To be defined' },
};

/** Year (as a string key, e.g. "2019") -> value, or null when the plan's cell is empty. Every schedule year is present. */
export type Schedule = Record<string, ScheduleValue | null>;

/** Where a catalogue entry comes from in the source document, and which documented decisions shaped it. */
export interface SourceRef {
  /** Line numbers in the source dump. */
  lines: number[];
  /** Numbers of the README decisions applied to this entry. */
  decisions?: number[];
  /** The activity number exactly as printed, when it differs from `number` (e.g. "1.1."). */
  numberAsPrinted?: string;
  /** How the schedule cells were read (see README). */
  reading?: string;
  /** Value found in the table's unlabelled sixth year column (after 2021); not assigned to a year. */
  unlabelledYearColumn?: ScheduleValue;
  /** Values found in a column where they cannot belong (e.g. a schedule term in "Responsable"). */
  spilledCells?: { column: string; value: string }[];
  /** Case variants normalised into the closed set. */
  caseNormalised?: { year: number; from: string; to: ScheduleValue }[];
}

export interface Axis {
  number: number;
  title: LocalizedText;
  /** The axis label as printed in the table, when it differs from the title. */
  tableLabel?: LocalizedText;
  specificObjective: LocalizedText;
}

export interface Objective {
  /** Roman numeral, unique in the plan. */
  numeral: string;
  axis: number;
  text: LocalizedText;
  source?: SourceRef;
}

export interface ExpectedResult {
  /** "<objective>.<number>", e.g. "IV.1". */
  id: string;
  objective: string;
  number: number;
  text: LocalizedText;
  source?: SourceRef;
}

export interface Activity {
  /** "<objective>.<result>.<activity number>", e.g. "IV.1.1.1". Stable: never reused, even after retirement. */
  id: string;
  objective: string;
  /** Result id, e.g. "IV.1". */
  result: string;
  /** Activity number as in the plan ("1.1"); restarts per result, so not unique on its own. */
  number: string;
  text: LocalizedText;
  responsible: LocalizedText | null;
  schedule: Schedule;
  source?: SourceRef;
}

export interface ExcludedSeedEntry {
  line: number;
  text: string;
  reason: LocalizedText;
}

export interface PlanCatalogue {
  $schema?: string;
  formatVersion: 1;
  /** e.g. "2017-2022"; the catalogue stream is `planCatalogue-<planId>`. */
  planId: string;
  issuer?: LocalizedText;
  title: LocalizedText;
  period: { from: number; to: number };
  /** The years the schedule table has columns for (within the period). */
  scheduleYears: number[];
  footnote?: LocalizedText;
  generalObjective: LocalizedText;
  crossCuttingApproach?: LocalizedText;
  axes: Axis[];
  objectives: Objective[];
  results: ExpectedResult[];
  activities: Activity[];
  excludedSeedEntries?: ExcludedSeedEntry[];
  source?: { document: string; description?: LocalizedText };
}

/** One problem found by the validator, in both languages, with a JSON-pointer-like path. */
export interface CatalogueProblem {
  code: string;
  path: string;
  message: LocalizedText;
}
