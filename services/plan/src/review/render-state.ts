import { csvField, markdownCell, type PlanStateAsOf } from './domain';
import {
  IMPLEMENTATION_STATUS_LABELS,
  WORKFLOW_STATE_LABELS,
  type ImplementationStatus,
} from '../reports/domain';
import type { ReviewLang } from './errors';

const COLUMNS: Array<[string, { es: string; en: string }]> = [
  ['country', { es: 'País', en: 'Country' }],
  ['activityId', { es: 'Actividad', en: 'Activity' }],
  ['period', { es: 'Período', en: 'Period' }],
  ['workflow', { es: 'Estado del informe', en: 'Report state' }],
  ['status', { es: 'Estado de implementación', en: 'Implementation status' }],
  ['approvedStatus', { es: 'Estado aprobado', en: 'Approved status' }],
  ['firstSubmittedAt', { es: 'Primer envío', en: 'First submitted' }],
  ['late', { es: 'Tardío', en: 'Late' }],
  ['approvedVersions', { es: 'Versiones aprobadas', en: 'Approved versions' }],
  ['changedAfterApproval', { es: 'Modificado tras aprobación', en: 'Changed after approval' }],
  ['lastRecordedAt', { es: 'Último registro', en: 'Last recorded' }],
];

function cells(state: PlanStateAsOf, lang: ReviewLang, codes: boolean): string[][] {
  const status = (s: ImplementationStatus | null) =>
    s === null ? '' : codes ? s : IMPLEMENTATION_STATUS_LABELS[s][lang];
  const yesNo = (b: boolean) => (codes ? String(b) : b ? (lang === 'es' ? 'sí' : 'yes') : 'no');
  return state.reports.map((r) => [
    r.country,
    r.activityId,
    r.period,
    codes ? r.workflow : WORKFLOW_STATE_LABELS[r.workflow][lang],
    status(r.status),
    status(r.approvedStatus),
    r.state.firstSubmittedAt ?? '',
    r.state.firstSubmittedAt ? yesNo(r.state.late) : '',
    String(r.state.versions.length),
    yesNo(r.state.changedAfterApproval),
    r.lastRecordedAt,
  ]);
}

/** The as-of state as CSV (RFC 4180, CRLF, header in `lang`, machine codes in the cells). */
export function stateToCsv(state: PlanStateAsOf, lang: ReviewLang = 'es'): string {
  const lines = [COLUMNS.map(([, h]) => csvField(h[lang])).join(',')];
  for (const row of cells(state, lang, true)) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The as-of state as a Markdown table (labels in `lang`), under a heading naming the country and instant. */
export function stateToMarkdown(state: PlanStateAsOf, lang: ReviewLang = 'es'): string {
  const title =
    lang === 'es'
      ? `## Informes de ${state.country ?? 'todos los países'} al ${state.asOf} (registrados hasta ese instante)`
      : `## Reports of ${state.country ?? 'all countries'} as of ${state.asOf} (recorded up to that instant)`;
  const header = `| ${COLUMNS.map(([, h]) => markdownCell(h[lang])).join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => ' --- ').join('|')}|`;
  const rows = cells(state, lang, false).map((row) => `| ${row.map(markdownCell).join(' | ')} |`);
  return [title, '', header, rule, ...rows].join('\n') + '\n';
}
