import {
  IMPLEMENTATION_STATUS_LABELS,
  WORKFLOW_STATE_LABELS,
  type ImplementationStatus,
  type WorkflowState,
} from '../../reports/domain/status';
import { textIn } from '../../reports/domain/text';
import type { FieldChange } from './diff';
import type { AccountabilityEntry } from './history';
import { EVENT_LABELS, HISTORY_COLUMNS, type Lang } from './labels';

type Column = (typeof HISTORY_COLUMNS)[number][0];

function changesText(changes: FieldChange[]): string {
  return changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; ');
}

/** Cell values; `codes` keeps machine codes (CSV), otherwise labels in the language (Markdown). */
function cells(entry: AccountabilityEntry, lang: Lang, codes: boolean): Record<Column, string> {
  const state = (s: WorkflowState) => (codes ? s : WORKFLOW_STATE_LABELS[s][lang]);
  const status = (s: ImplementationStatus | null) =>
    s === null ? '' : codes ? s : IMPLEMENTATION_STATUS_LABELS[s][lang];
  const yesNo = (b: boolean | null) =>
    b === null ? '' : codes ? String(b) : b ? (lang === 'es' ? 'sí' : 'yes') : 'no';
  return {
    recordedAt: entry.recordedAt,
    occurredAt: entry.occurredAt,
    actor: entry.actor.subject,
    role: entry.actor.role,
    actorCountry: entry.actor.country,
    institution: entry.actor.institution ?? '',
    country: entry.country,
    activityId: entry.activityId,
    period: entry.period,
    event: codes ? entry.event : EVENT_LABELS[entry.event][lang],
    fromState: state(entry.from.workflow),
    toState: state(entry.to.workflow),
    fromStatus: status(entry.from.status),
    toStatus: status(entry.to.status),
    late: yesNo(entry.late),
    changes: changesText(entry.changes),
    why: textIn(entry.why, lang),
    eventId: entry.eventId,
  };
}

/** The history as JSON (the entries as they are, machine codes, both languages of free text). */
export function toJson(entries: AccountabilityEntry[]): string {
  return JSON.stringify(entries, null, 2);
}

/**
 * RFC 4180 quoting: a field with a comma, a double quote, CR or LF is enclosed in double quotes and its
 * double quotes are doubled. A cell that would start with = + - @ or a tab is prefixed with an apostrophe
 * so a spreadsheet does not run it as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV (RFC 4180, CRLF line ends, header row in `lang`); states, statuses and events as machine codes. */
export function toCsv(entries: AccountabilityEntry[], options: { lang?: Lang } = {}): string {
  const lang = options.lang ?? 'es';
  const lines = [HISTORY_COLUMNS.map(([, header]) => csvField(header[lang])).join(',')];
  for (const entry of entries) {
    const row = cells(entry, lang, true);
    lines.push(HISTORY_COLUMNS.map(([column]) => csvField(row[column])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Escapes text for a Markdown table cell: no raw HTML, no Markdown markup, no column breaks, line breaks as <br>. */
export function markdownCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|*_`[\]#~])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A Markdown table with headers, events, states and statuses in `lang`. */
export function toMarkdown(entries: AccountabilityEntry[], options: { lang?: Lang } = {}): string {
  const lang = options.lang ?? 'es';
  const header = `| ${HISTORY_COLUMNS.map(([, h]) => markdownCell(h[lang])).join(' | ')} |`;
  const rule = `|${HISTORY_COLUMNS.map(() => ' --- ').join('|')}|`;
  const rows = entries.map((entry) => {
    const row = cells(entry, lang, false);
    return `| ${HISTORY_COLUMNS.map(([column]) => markdownCell(row[column])).join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n') + '\n';
}
