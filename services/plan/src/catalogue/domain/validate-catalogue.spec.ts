import { validateCatalogue } from './validate-catalogue';
import type { PlanCatalogue } from './catalogue.types';
import { sampleActivity, sampleCatalogue } from './test-fixtures';

/** Apply a change to a fresh valid catalogue and return the problem codes with their paths. */
function problemsAfter(change: (c: PlanCatalogue & Record<string, unknown>) => void): [string, string][] {
  const c = sampleCatalogue() as PlanCatalogue & Record<string, unknown>;
  change(c);
  return validateCatalogue(c).map((p) => [p.code, p.path]);
}

describe('validateCatalogue', () => {
  it('accepts the valid sample', () => {
    expect(validateCatalogue(sampleCatalogue())).toEqual([]);
  });

  it('refuses a non-object', () => {
    expect(validateCatalogue(null).map((p) => p.code)).toEqual(['catalogue.not_an_object']);
    expect(validateCatalogue([]).map((p) => p.code)).toEqual(['catalogue.not_an_object']);
  });

  it('gives every problem in Spanish and English', () => {
    const problems = validateCatalogue({ ...sampleCatalogue(), planId: 'x' });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.message.es.length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
      expect(p.message.es).not.toBe(p.message.en);
    }
  });

  it.each<[string, (c: PlanCatalogue & Record<string, unknown>) => void, [string, string]]>([
    [
      'unsupported format version',
      (c) => (c.formatVersion = 2 as 1),
      ['catalogue.format_version', '/formatVersion'],
    ],
    ['malformed plan id', (c) => (c.planId = '2017'), ['catalogue.plan_id_malformed', '/planId']],
    [
      'plan id not matching the period',
      (c) => (c.planId = '2017-2021'),
      ['catalogue.plan_id_period_mismatch', '/planId'],
    ],
    [
      'period reversed',
      (c) => (c.period = { from: 2022, to: 2017 }),
      ['catalogue.period_invalid', '/period'],
    ],
    [
      'schedule years outside the period',
      (c) => (c.scheduleYears = [2016, 2017, 2018, 2019, 2020, 2021]),
      ['catalogue.schedule_year_outside_period', '/scheduleYears'],
    ],
    [
      'missing English title',
      (c) => (c.title = { es: 'Plan', en: '' }),
      ['catalogue.text_missing', '/title/en'],
    ],
    [
      'missing Spanish general objective',
      (c) => (c.generalObjective = { en: 'x' } as never),
      ['catalogue.text_missing', '/generalObjective/es'],
    ],
    [
      'missing activities list',
      (c) => delete (c as Partial<PlanCatalogue>).activities,
      ['catalogue.field_missing', '/activities'],
    ],
    ['duplicate axis', (c) => c.axes.push({ ...c.axes[0] }), ['catalogue.duplicate_id', '/axes/1']],
    [
      'malformed roman numeral',
      (c) => (c.objectives[0].numeral = 'IIII'),
      ['catalogue.number_malformed', '/objectives/0/numeral'],
    ],
    [
      'duplicate objective',
      (c) => c.objectives.push({ ...c.objectives[0] }),
      ['catalogue.duplicate_id', '/objectives/1'],
    ],
    [
      'objective in an unknown axis',
      (c) => (c.objectives[0].axis = 9),
      ['catalogue.unknown_axis', '/objectives/0/axis'],
    ],
    [
      'result id not objective.number',
      (c) => (c.results[0].id = 'IV.2'),
      ['catalogue.id_malformed', '/results/0/id'],
    ],
    [
      'result of an unknown objective',
      (c) => c.results.push({ id: 'XX.1', objective: 'XX', number: 1, text: { es: 'a', en: 'b' } }),
      ['catalogue.unknown_objective', '/results/1/objective'],
    ],
    [
      'duplicate result',
      (c) => c.results.push({ ...c.results[0] }),
      ['catalogue.duplicate_id', '/results/1'],
    ],
    [
      'duplicate activity id',
      (c) => c.activities.push({ ...c.activities[0] }),
      ['catalogue.duplicate_id', '/activities/1/id'],
    ],
    [
      'malformed activity number',
      (c) => (c.activities[0] = { ...c.activities[0], number: '1.1.' }),
      ['catalogue.number_malformed', '/activities/0/number'],
    ],
    [
      'activity id not result.number',
      (c) => (c.activities[0] = { ...c.activities[0], id: 'IV.1.1' }),
      ['catalogue.id_malformed', '/activities/0/id'],
    ],
    [
      'activity number not of its result',
      (c) => (c.activities[0] = { ...c.activities[0], number: '2.1', id: 'IV.1.2.1' }),
      ['catalogue.number_result_mismatch', '/activities/0/number'],
    ],
    [
      'activity of an unknown result',
      (c) => (c.activities[0] = { ...c.activities[0], result: 'IV.7', id: 'IV.7.1.1' }),
      ['catalogue.unknown_result', '/activities/0/result'],
    ],
    [
      'activity of an unknown objective',
      (c) => (c.activities[0] = { ...c.activities[0], objective: 'IX' }),
      ['catalogue.unknown_objective', '/activities/0/objective'],
    ],
    [
      'schedule value outside the closed set',
      (c) => (c.activities[0].schedule['2019'] = 'I semestre' as never),
      ['catalogue.schedule_value_invalid', '/activities/0/schedule/2019'],
    ],
    [
      'schedule year outside the period',
      (c) => (c.activities[0].schedule['2023'] = 'Continuo'),
      ['catalogue.schedule_year_outside_period', '/activities/0/schedule/2023'],
    ],
    [
      'schedule year inside the period but not a schedule column',
      (c) => (c.activities[0].schedule['2022'] = 'Continuo'),
      ['catalogue.schedule_year_unknown', '/activities/0/schedule/2022'],
    ],
    [
      'schedule year missing',
      (c) => delete c.activities[0].schedule['2020'],
      ['catalogue.schedule_year_missing', '/activities/0/schedule/2020'],
    ],
    [
      'activity without English text',
      (c) => (c.activities[0].text = { es: 'Crear', en: ' ' }),
      ['catalogue.text_missing', '/activities/0/text/en'],
    ],
    [
      'responsible party without Spanish',
      (c) => (c.activities[0].responsible = { es: '', en: 'IOM' }),
      ['catalogue.text_missing', '/activities/0/responsible/es'],
    ],
  ])('detects %s', (_name, change, expected) => {
    expect(problemsAfter(change)).toContainEqual(expected);
  });

  it('detects a result pointing at another objective than its activity says', () => {
    const problems = problemsAfter((c) => {
      c.objectives.push({ numeral: 'V', axis: 2, text: { es: 'Promover', en: 'Promote' } });
      c.activities.push(sampleActivity({ objective: 'V' }));
    });
    expect(problems).toContainEqual(['catalogue.reference_mismatch', '/activities/1/result']);
  });
});
