import type { IndicatorValue } from '../../reports/domain/content';
import type { ReportState } from '../../reports/domain/state';

/** One field that changed. Values are rendered as text; null = absent. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function indicatorText(v: IndicatorValue): string {
  return v.unit ? `${v.value} ${v.unit}` : String(v.value);
}

function change(
  out: FieldChange[],
  field: string,
  before: string | null | undefined,
  after: string | null | undefined,
): void {
  const b = before ?? null;
  const a = after ?? null;
  if (b !== a) out.push({ field, before: b, after: a });
}

/**
 * What differs between two states of one report, field by field, in a fixed order:
 * workflow, status, narrative.es, narrative.en, evidence (one entry per added or removed link),
 * indicator:<name> (per indicator), catalogueVersion, changedAfterApproval.
 */
export function diffReportStates(before: ReportState, after: ReportState): FieldChange[] {
  const out: FieldChange[] = [];
  change(out, 'workflow', before.workflow, after.workflow);
  change(out, 'status', before.content?.status, after.content?.status);
  change(out, 'narrative.es', before.content?.narrative.es, after.content?.narrative.es);
  change(out, 'narrative.en', before.content?.narrative.en, after.content?.narrative.en);
  const linksBefore = before.content?.evidence ?? [];
  const linksAfter = after.content?.evidence ?? [];
  for (const link of linksBefore)
    if (!linksAfter.includes(link)) out.push({ field: 'evidence', before: link, after: null });
  for (const link of linksAfter)
    if (!linksBefore.includes(link)) out.push({ field: 'evidence', before: null, after: link });
  const indicatorsBefore = new Map(
    (before.content?.indicators ?? []).map((v) => [v.indicator, indicatorText(v)]),
  );
  const indicatorsAfter = new Map(
    (after.content?.indicators ?? []).map((v) => [v.indicator, indicatorText(v)]),
  );
  for (const name of new Set([...indicatorsBefore.keys(), ...indicatorsAfter.keys()])) {
    change(out, `indicator:${name}`, indicatorsBefore.get(name), indicatorsAfter.get(name));
  }
  change(out, 'catalogueVersion', before.catalogueVersion, after.catalogueVersion);
  change(
    out,
    'changedAfterApproval',
    String(before.changedAfterApproval),
    String(after.changedAfterApproval),
  );
  return out;
}
