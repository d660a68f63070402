/**
 * The 2017-2022 catalogue checked against the seed (seeds/004_0dab47e72ea22e5a.txt).
 * Counts were made by reading the table row by row (see README "How the plan was counted");
 * texts and schedule cells below are copied from the seed lines named in each case.
 */
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCatalogue } from '../src/catalogue/domain/validate-catalogue';
import type { Activity, PlanCatalogue } from '../src/catalogue/domain/catalogue.types';
import { loadCatalogueFile, PLAN_2017_2022_FILE } from './load';

const catalogue: PlanCatalogue = JSON.parse(readFileSync(PLAN_2017_2022_FILE, 'utf8'));
const activity = (id: string): Activity => {
  const a = catalogue.activities.find((x) => x.id === id);
  if (!a) throw new Error(`no activity ${id}`);
  return a;
};
const cells = (a: Activity) => [2017, 2018, 2019, 2020, 2021].map((y) => a.schedule[String(y)]);

describe('Strategic Plan 2017-2022 catalogue file', () => {
  it('conforms to the JSON Schema and passes the semantic validator', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, 'catalogue.schema.json'), 'utf8')));
    const ok = validate(catalogue);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validateCatalogue(catalogue)).toEqual([]);
  });

  it('loads through the file wrapper into one ImportCatalogue command', () => {
    const command = loadCatalogueFile(PLAN_2017_2022_FILE);
    expect(command.type).toBe('ImportCatalogue');
    expect(command.catalogue.planId).toBe('2017-2022');
  });

  it('has the plan header: id, period, schedule years, title and general objective', () => {
    expect(catalogue.planId).toBe('2017-2022');
    expect(catalogue.period).toEqual({ from: 2017, to: 2022 });
    expect(catalogue.scheduleYears).toEqual([2017, 2018, 2019, 2020, 2021]);
    expect(catalogue.title.es).toBe(
      'Plan Estratégico para la Red de Funcionarios de Enlace en Materia de Protección de Niñas, Niños y Adolescentes Migrantes de la CRM 2017-2022',
    );
    expect(
      catalogue.generalObjective.es.startsWith(
        'Contribuir a que los Países Miembros de la Conferencia Regional sobre Migración (CRM)',
      ),
    ).toBe(true);
    expect(catalogue.generalObjective.es).toContain(
      'en consonancia con los Lineamientos Regionales de Actuación para la Protección Integral',
    );
  });

  it('has 5 axes, 16 objectives (I..XVI), 36 expected results and 96 activities', () => {
    expect(catalogue.axes.map((a) => a.number)).toEqual([1, 2, 3, 4, 5]);
    expect(catalogue.objectives.map((o) => o.numeral)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XII',
      'XIII',
      'XIV',
      'XV',
      'XVI',
    ]);
    expect(catalogue.results).toHaveLength(36);
    expect(catalogue.activities).toHaveLength(96);
  });

  it('places the objectives in their axes', () => {
    const byAxis = (n: number) => catalogue.objectives.filter((o) => o.axis === n).map((o) => o.numeral);
    expect(byAxis(1)).toEqual(['I', 'II', 'III']);
    expect(byAxis(2)).toEqual(['IV', 'V', 'VI', 'VII', 'VIII', 'IX']);
    expect(byAxis(3)).toEqual(['X', 'XI']);
    expect(byAxis(4)).toEqual(['XII']);
    expect(byAxis(5)).toEqual(['XIII', 'XIV', 'XV', 'XVI']);
  });

  it('has the counted number of results and activities per objective', () => {
    const count = <T extends { objective: string }>(list: T[]) =>
      Object.fromEntries(
        catalogue.objectives.map((o) => [o.numeral, list.filter((x) => x.objective === o.numeral).length]),
      );
    expect(count(catalogue.results)).toEqual({
      I: 2,
      II: 1,
      III: 1,
      IV: 5,
      V: 2,
      VI: 2,
      VII: 3,
      VIII: 1,
      IX: 2,
      X: 3,
      XI: 2,
      XII: 2,
      XIII: 3,
      XIV: 4,
      XV: 1,
      XVI: 2,
    });
    expect(count(catalogue.activities)).toEqual({
      I: 5,
      II: 5,
      III: 6,
      IV: 12,
      V: 3,
      VI: 7,
      VII: 8,
      VIII: 4,
      IX: 3,
      X: 7,
      XI: 6,
      XII: 7,
      XIII: 4,
      XIV: 12,
      XV: 1,
      XVI: 6,
    });
  });

  it('gives every activity a unique id made of objective, result and the plan number', () => {
    const ids = catalogue.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of catalogue.activities) expect(a.id).toBe(`${a.result}.${a.number}`);
    // the plan number alone is not unique: "1.1" occurs in every objective
    expect(catalogue.activities.filter((a) => a.number === '1.1')).toHaveLength(16);
  });

  it('keeps the axes as listed, and the differing table labels', () => {
    expect(catalogue.axes[2].title.es).toBe(
      'Recepción y atención psicosocial de niñas, niños y adolescentes migrantes en tránsito, destino y retorno.',
    );
    expect(catalogue.axes[2].tableLabel?.es).toBe(
      'Eje 3: Recepción y atención psicosocial de niñas, niños y adolescentes migrantes.',
    );
    expect(catalogue.axes[4].specificObjective.es).toBe(
      'Apoyar la consecución del plan de acción de la Red de Funcionarios de Enlace en Materia de Protección de niños, niñas y adolescentes (2017-2022) de una forma coordinada y complementaria.',
    );
  });

  it('joins texts split by page breaks (objective XVI, lines 136 + 140)', () => {
    expect(catalogue.objectives.find((o) => o.numeral === 'XVI')?.text.es).toBe(
      'Promover el intercambio de información regional que facilite la toma de decisiones y asegure el respeto de las normas de confidencialidad y evite la re-victimización de NNA migrantes.',
    );
    expect(catalogue.results.find((r) => r.id === 'V.2')?.text.es).toBe(
      'Mecanismos de presentación de denuncias sobre violaciones a derechos humanos de niños, niñas y adolescentes migrantes',
    );
  });
});

describe('spot checks of activities against the seed (exact Spanish and the five schedule cells 2017..2021)', () => {
  const cases: [string, string, (string | null)[]][] = [
    // axis 1, line 36
    [
      'I.1.1.1',
      'Fortalecer las campañas existentes a nivel nacional y la campaña "InformArte en Movimiento", adoptada por los Países Miembros de la CRM.',
      ['Continuo', 'Continuo', 'Continuo', 'Continuo', 'Continuo'],
    ],
    // axis 1, line 38: shifted row (activity in the "Objetivo" column), read shifted left by 2 (decision 4)
    [
      'I.1.1.3',
      'Promover iniciativas nacionales y regionales con los niños, niñas y adolescentes retornados y con los potencialmente migrantes, para la prevención de la migración en condiciones de irregularidad, que involucre la participación activa de los gobiernos locales, sistemas de educación, sociedad civil, familias entre otros.',
      ['Dos veces al año', null, 'Dos veces al año', 'Dos veces al año', 'Dos veces al año'],
    ],
    // axis 1, line 43: activity in the "Resultados" column, shifted left by 1 (decision 4)
    [
      'II.1.1.3',
      'Apoyar a las instituciones en el diseño y ejecución de políticas que contribuyan a fortalecer procesos formativos para que puedan promover el arraigo de niñas, niños y adolescentes.',
      ['Continuo', 'Continuo', 'Continuo', 'Continuo', null],
    ],
    // axis 2, line 53: six values, "I semestre" normalised (decisions 3, 15)
    [
      'IV.1.1.1',
      'Crear para el 2018 la plataforma de intercambio de información.',
      ['II Semestre', 'Continuo', 'I Semestre', 'II Semestre', 'II Semestre'],
    ],
    // axis 2, line 60: spill in the Responsable column (decision 6)
    [
      'IV.4.4.1',
      'Compartir buenas practicas sobre acuerdos similares ya suscritos',
      ['I Trimestre', 'Continuo', 'Continuo', 'Continuo', 'Continuo'],
    ],
    // axis 2, line 65: the alert focal points, shifted left by 1
    [
      'V.1.1.1',
      'Establecer puntos focales entre los consulados y las instituciones que en cada país se encargan de coordinar las alertas sobre niñez no localizada.',
      ['II Semestre', 'I Semestre', 'II Semestre', 'II Semestre', 'II Semestre'],
    ],
    // axis 2, line 72: the only named responsible party
    [
      'VI.1.1.1',
      'Promover la realización de capacitaciones a través de diplomados continuos (tanto en línea como presenciales) y especializados en protección de niñez y adolescencia migrante.',
      ['Continuo', 'Continuo', 'Continuo', 'Continuo', 'Continuo'],
    ],
    // axis 2, line 86: multi-value cells, one value per activity in order (decision 10)
    ['VII.3.3.3', 'Socializar la guía.', [null, null, 'I Trimestre', null, null]],
    // axis 3, line 99: shifted text, schedule read by header position (decision 5)
    [
      'X.3.3.2',
      'Crear y fortalecer las mesas técnicas de coordinación interinstitucional de recepción y atención psicosocial de los niños, niñas y adolescentes',
      [null, 'II Semestre', 'Continuo', 'Continuo', null],
    ],
    // axis 3, line 104: <p> list, one schedule shared
    [
      'XI.1.1.3',
      'Realizar un foro en el marco de la CRM, con participación de niñas, niños y adolescentes retornados para la recolección de insumos y validación de las políticas propuestas.',
      ['Continuo', 'Continuo', 'Continuo', 'Continuo', 'Continuo'],
    ],
    // axis 4, line 115
    [
      'XII.1.1.3',
      'Creación de un espacio para el intercambio de buenas prácticas o casos exitosos de aplicación de los Lineamientos Regionales de Actuación para la Protección Integral para la Niñez y Adolescencia en el Contexto de la Migración.',
      ['II Semestre', 'I y II Semestre', null, null, null],
    ],
    // axis 4, line 114: "Continuo" in the Responsable column, the Responsable cell was dropped (decision 7)
    [
      'XII.1.1.2',
      'Conocer las iniciativas nacionales de reintegración que se estén implementando, o que se han implementado en el tema de reintegración con el fin de difundir buenas prácticas, metodologías, resultados, que fomenten el arraigo, así como para incorporarlas de manera simultánea dentro de la plataforma de CRM y los países puedan implementarlas en sus programas nacionales.',
      ['Continuo', 'Continuo', null, null, null],
    ],
    // axis 5, line 133: three "Por definir" for four activities (decision 11)
    [
      'XIV.3.3.4',
      'Foro Regional de la OEA a celebrarse en Costa Rica en 2017.',
      [null, null, null, null, null],
    ],
    // axis 5, line 141
    [
      'XVI.2.2.3',
      'Compartir buenas prácticas sobre los convenios similares ya suscritos entre países de la región.',
      ['Por definir', null, null, null, null],
    ],
  ];
  it.each(cases)('%s', (id, es, schedule) => {
    const a = activity(id);
    expect(a.text.es).toBe(es);
    expect(a.text.en.length).toBeGreaterThan(0);
    expect(cells(a)).toEqual(schedule);
  });

  it('records the case normalisation and the unlabelled sixth column of line 53', () => {
    expect(activity('IV.1.1.1').source?.caseNormalised).toEqual([
      { year: 2019, from: 'I semestre', to: 'I Semestre' },
    ]);
    expect(activity('IV.1.1.1').source?.unlabelledYearColumn).toBe('II Semestre');
  });

  it('records the spilled "Continuo" of line 60 and names no responsible party for it', () => {
    expect(activity('IV.4.4.1').source?.spilledCells).toEqual([{ column: 'Responsable', value: 'Continuo' }]);
    expect(activity('IV.4.4.1').responsible).toBeNull();
  });

  it('names a responsible party only where the plan does', () => {
    const named = catalogue.activities.filter((a) => a.responsible !== null);
    expect(named.map((a) => [a.id, a.responsible?.es])).toEqual([
      ['VI.1.1.1', 'Ministerios de Relaciones Exteriores y OIM'],
    ]);
  });

  it('keeps plan numbers as printed, without the trailing dot of "1.1."', () => {
    expect(activity('XIII.1.1.1').number).toBe('1.1');
    expect(activity('XIII.1.1.1').source?.numberAsPrinted).toBe('1.1.');
  });

  it('does not list the English "2.2" of line 141 as an activity, and uses it as the English of 2.3', () => {
    expect(catalogue.activities.some((a) => a.id === 'XVI.2.2.2')).toBe(false);
    expect(catalogue.excludedSeedEntries?.[0].text).toBe(
      '2.2 Share good practices on similar agreements already signed between countries in the region.',
    );
    expect(activity('XVI.2.2.3').text.en).toBe(
      'Share good practices on similar agreements already signed between countries in the region.',
    );
  });

  it('keeps the near-duplicate results IV.5 and VI.2 as distinct activities with their own wording', () => {
    expect(activity('IV.5.5.3').text.es).toBe(
      'Promover la suscripción de instrumentos de coordinación y cooperación con actores claves.',
    );
    expect(activity('VI.2.2.3').text.es).toBe(
      'Suscribir instrumentos de coordinación y cooperación con actores claves',
    );
  });

  it('contains no HTML or markup left from the dump', () => {
    const texts = JSON.stringify([
      catalogue.objectives,
      catalogue.results,
      catalogue.activities,
      catalogue.generalObjective,
    ]);
    expect(texts).not.toMatch(/<\/?(p|i)>|\*Lineamientos|¹/);
  });

  it('keeps the Spanish typo "LGTBO" of X.1.1.4 as printed but not in the English (decisions 17, 23)', () => {
    const x = activity('X.1.1.4');
    expect(x.text.es).toContain('población LGTBO.');
    expect(x.text.en).toContain('the LGBTI population.');
    const english = JSON.stringify(catalogue.activities.map((a) => a.text.en));
    expect(english).not.toContain('LGTBO');
  });
});
