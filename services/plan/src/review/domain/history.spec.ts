import type { RecordedEvent } from '@crm/event-store';
import { defaultWindow } from '../../windows/domain/window';
import type { ReportCommand } from '../../reports/domain/commands';
import { CATALOGUE, KEY, SECRETARIAT_ACTOR, officer } from '../../reports/domain/test-support';
import { accountabilityHistory, type AccountabilityEntry } from './history';
import { csvField, markdownCell, toCsv, toJson, toMarkdown } from './render';
import { ReportRecorder } from './test-support';

const GT_KEY = { country: 'GT', activityId: 'V.1.1.1', period: '2020-S1' } as const;
const RETURN_COMMENT = 'Falta evidencia, el "acta" del taller\n| y la lista de asistencia';

async function scenario(): Promise<RecordedEvent[]> {
  const r = new ReportRecorder('2020-07-02T09:00:00.000Z');
  const at = async (iso: string, command: ReportCommand, actor = officer(command.country)) => {
    r.clock.set(iso);
    const result = await r.run(command, actor);
    if (!Array.isArray(result)) throw result;
  };
  const content = {
    status: 'in_progress' as const,
    narrative: { es: 'Se diseñó la plataforma.' },
    evidence: ['https://example.org/acta.pdf'],
    indicators: [{ indicator: 'talleres', value: 2 }],
  };
  await at('2020-07-02T09:00:00.000Z', { type: 'SaveDraft', ...KEY, catalogue: CATALOGUE, content });
  await at('2020-07-03T09:00:00.000Z', {
    type: 'SaveDraft',
    ...GT_KEY,
    catalogue: CATALOGUE,
    content: { status: 'not_started', narrative: { es: 'Pendiente.' } },
  });
  await at('2020-07-05T09:00:00.000Z', { type: 'SubmitReport', ...KEY, window: defaultWindow('2020-S1') });
  await at(
    '2020-07-06T09:00:00.000Z',
    { type: 'ReturnReport', ...KEY, comments: { es: RETURN_COMMENT } },
    SECRETARIAT_ACTOR,
  );
  await at('2020-07-20T09:00:00.000Z', {
    type: 'SaveDraft',
    ...KEY,
    catalogue: CATALOGUE,
    content: {
      ...content,
      status: 'completed',
      narrative: { es: 'Se diseñó la plataforma.', en: 'Platform designed.' },
      evidence: ['https://example.org/acta.pdf', 'https://example.org/fotos'],
      indicators: [{ indicator: 'talleres', value: 3, unit: '%' }],
    },
  });
  await at('2020-08-02T09:00:00.000Z', { type: 'SubmitReport', ...KEY, window: defaultWindow('2020-S1') });
  await at('2020-08-03T09:00:00.000Z', { type: 'ApproveReport', ...KEY }, SECRETARIAT_ACTOR);
  await at(
    '2020-09-01T09:00:00.000Z',
    { type: 'ReopenReport', ...KEY, reason: { es: '=HYPERLINK("http://x")', en: 'Figures corrected' } },
    SECRETARIAT_ACTOR,
  );
  return r.all();
}

describe('accountability history', () => {
  let events: RecordedEvent[];
  let entries: AccountabilityEntry[];
  beforeAll(async () => {
    events = await scenario();
    entries = accountabilityHistory(events);
  });

  it('has one entry per change, oldest first, even when events are passed in another order', () => {
    expect(entries.map((e) => [e.recordedAt, e.country, e.event, e.from.workflow, e.to.workflow])).toEqual([
      ['2020-07-02T09:00:00.000Z', 'HN', 'ReportDrafted', 'none', 'draft'],
      ['2020-07-03T09:00:00.000Z', 'GT', 'ReportDrafted', 'none', 'draft'],
      ['2020-07-05T09:00:00.000Z', 'HN', 'ReportSubmitted', 'draft', 'submitted'],
      ['2020-07-06T09:00:00.000Z', 'HN', 'ReportReturned', 'submitted', 'returned'],
      ['2020-07-20T09:00:00.000Z', 'HN', 'ReportDrafted', 'returned', 'draft'],
      ['2020-08-02T09:00:00.000Z', 'HN', 'ReportSubmitted', 'draft', 'submitted'],
      ['2020-08-03T09:00:00.000Z', 'HN', 'ReportApproved', 'submitted', 'approved'],
      ['2020-09-01T09:00:00.000Z', 'HN', 'ReportReopened', 'approved', 'draft'],
    ]);
    expect(accountabilityHistory([...events].reverse())).toEqual(entries);
  });

  it('says who acted, from the event metadata', () => {
    expect(entries[0]?.actor).toEqual({
      subject: 'officer-hn',
      role: 'country_official',
      country: 'HN',
      institution: 'DINAF',
    });
    expect(entries[3]?.actor).toEqual({
      subject: 'st-reviewer',
      role: 'secretariat_reviewer',
      country: 'ST',
      institution: 'ST-CRM',
    });
    expect(entries.every((e) => e.eventId.length === 36 && e.occurredAt === e.recordedAt)).toBe(true);
  });

  it('says what changed, field by field', () => {
    expect(entries[4]?.changes).toEqual([
      { field: 'workflow', before: 'returned', after: 'draft' },
      { field: 'status', before: 'in_progress', after: 'completed' },
      { field: 'narrative.en', before: null, after: 'Platform designed.' },
      { field: 'evidence', before: null, after: 'https://example.org/fotos' },
      { field: 'indicator:talleres', before: '2', after: '3 %' },
    ]);
    expect(entries[4]?.from.status).toBe('in_progress');
    expect(entries[4]?.to.status).toBe('completed');
    expect(entries[7]?.changes).toEqual([
      { field: 'workflow', before: 'approved', after: 'draft' },
      { field: 'changedAfterApproval', before: 'false', after: 'true' },
    ]);
  });

  it('says why (return comments, reopen reason) and whether a submission was late', () => {
    expect(entries[3]?.why).toEqual({ es: RETURN_COMMENT });
    expect(entries[7]?.why).toEqual({ es: '=HYPERLINK("http://x")', en: 'Figures corrected' });
    expect(entries.map((e) => e.late)).toEqual([null, null, false, null, null, true, null, null]);
  });

  it('can be limited to one country and to what was recorded up to an instant', () => {
    expect(accountabilityHistory(events, { country: 'GT' }).map((e) => e.activityId)).toEqual(['V.1.1.1']);
    expect(accountabilityHistory(events, { country: 'HN', asOf: '2020-07-20T09:00:00.000Z' })).toEqual(
      entries.filter((e) => e.country === 'HN').slice(0, 4),
    );
  });
});

/** A small RFC 4180 reader, to check that what toCsv writes reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('history renderers', () => {
  let entries: AccountabilityEntry[];
  beforeAll(async () => {
    entries = accountabilityHistory(await scenario());
  });

  it('JSON is the entries themselves', () => {
    expect(JSON.parse(toJson(entries))).toEqual(JSON.parse(JSON.stringify(entries)));
  });

  it('CSV quotes per RFC 4180 and reads back to the same cells, with es or en headers', () => {
    const csv = toCsv(entries, { lang: 'es' });
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows[0]?.slice(0, 3)).toEqual(['Registrado (UTC)', 'Ocurrido', 'Actor']);
    expect(rows.every((r) => r.length === 18)).toBe(true);
    const returned = rows[4] as string[];
    expect(returned[9]).toBe('ReportReturned');
    expect(returned[16]).toBe(RETURN_COMMENT);
    expect(returned[10]).toBe('submitted');
    expect(csv).toContain('"Falta evidencia, el ""acta"" del taller\n| y la lista de asistencia"');
    expect(parseCsv(toCsv(entries, { lang: 'en' }))[0]?.slice(14, 17)).toEqual([
      'Late',
      'Changes',
      'Reason / comments',
    ]);
  });

  it('CSV neutralises cells a spreadsheet would run as formulas', () => {
    const rows = parseCsv(toCsv(entries, { lang: 'es' }));
    expect(rows[8]?.[16]).toBe(`'=HYPERLINK("http://x")`);
    expect(parseCsv(toCsv(entries, { lang: 'en' }))[8]?.[16]).toBe('Figures corrected');
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
  });

  it('Markdown has es or en headers and labels, and escapes cells so the table stays intact', () => {
    const es = toMarkdown(entries, { lang: 'es' }).trimEnd().split('\n');
    expect(es).toHaveLength(entries.length + 2);
    expect(es[0]).toContain('| Registrado (UTC) | Ocurrido | Actor |');
    expect(es[0]).toContain('Motivo / observaciones');
    expect(es[5]).toContain('Devuelto con observaciones');
    expect(es[5]).toContain('Falta evidencia, el "acta" del taller<br>\\| y la lista de asistencia');
    expect(es[6]).toContain('Completada');
    const columns = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    expect(es.every((line) => columns(line) === columns(es[0] as string))).toBe(true);
    const en = toMarkdown(entries, { lang: 'en' });
    expect(en).toContain('| Recorded (UTC) | Occurred |');
    expect(en).toContain('Returned with comments');
    expect(en).toContain('\\[es\\] Falta evidencia'); // no English text: the Spanish one, marked
    expect(markdownCell('<script>*x*</script>')).toBe('&lt;script&gt;\\*x\\*&lt;/script&gt;');
  });
});
