/**
 * Structural and semantic validation of a plan catalogue, in plain TypeScript (no I/O).
 * Returns every problem found (empty list = valid), each with a code, a path and es/en text.
 */
import type { LocalizedText } from '@crm/kernel';
import {
  SCHEDULE_VALUES,
  type CatalogueProblem,
  type PlanCatalogue,
  type ScheduleValue,
} from './catalogue.types';

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ACTIVITY_NUMBER = /^([1-9][0-9]*)\.([1-9][0-9]*)$/;

export function isScheduleValue(value: unknown): value is ScheduleValue {
  return typeof value === 'string' && (SCHEDULE_VALUES as readonly string[]).includes(value);
}

export function isRomanNumeral(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && ROMAN.test(value);
}

function problem(code: string, path: string, es: string, en: string): CatalogueProblem {
  return { code, path, message: { es, en } };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** es and en both present and non-blank. */
export function checkText(value: unknown, path: string): CatalogueProblem[] {
  if (!isObj(value))
    return [
      problem(
        'catalogue.text_missing',
        path,
        `Falta el texto en español e inglés en ${path}.`,
        `Missing Spanish and English text at ${path}.`,
      ),
    ];
  const out: CatalogueProblem[] = [];
  for (const lang of ['es', 'en'] as const) {
    const t = value[lang];
    if (typeof t !== 'string' || t.trim() === '') {
      const name = lang === 'es' ? { es: 'español', en: 'Spanish' } : { es: 'inglés', en: 'English' };
      out.push(
        problem(
          'catalogue.text_missing',
          `${path}/${lang}`,
          `Falta el texto en ${name.es} en ${path}.`,
          `Missing ${name.en} text at ${path}.`,
        ),
      );
    }
  }
  return out;
}

/** The references an activity is checked against. */
export interface ActivityContext {
  objectives: ReadonlySet<string>;
  /** result id -> objective numeral */
  results: ReadonlyMap<string, string>;
  scheduleYears: readonly number[];
  period: { from: number; to: number };
}

export function checkSchedule(
  schedule: unknown,
  path: string,
  ctx: Pick<ActivityContext, 'scheduleYears' | 'period'>,
): CatalogueProblem[] {
  if (!isObj(schedule))
    return [
      problem(
        'catalogue.schedule_missing',
        path,
        `Falta el cronograma en ${path}.`,
        `Missing schedule at ${path}.`,
      ),
    ];
  const out: CatalogueProblem[] = [];
  for (const [year, value] of Object.entries(schedule)) {
    const y = Number(year);
    if (!/^[0-9]{4}$/.test(year) || y < ctx.period.from || y > ctx.period.to) {
      out.push(
        problem(
          'catalogue.schedule_year_outside_period',
          `${path}/${year}`,
          `El año ${year} está fuera del período del plan (${ctx.period.from}-${ctx.period.to}).`,
          `Year ${year} is outside the plan period (${ctx.period.from}-${ctx.period.to}).`,
        ),
      );
    } else if (!ctx.scheduleYears.includes(y)) {
      out.push(
        problem(
          'catalogue.schedule_year_unknown',
          `${path}/${year}`,
          `El año ${year} no es una columna del cronograma del plan.`,
          `Year ${year} is not a schedule column of the plan.`,
        ),
      );
    }
    if (value !== null && !isScheduleValue(value)) {
      out.push(
        problem(
          'catalogue.schedule_value_invalid',
          `${path}/${year}`,
          `Valor de cronograma no permitido: "${String(value)}". Valores permitidos: ${SCHEDULE_VALUES.join(', ')}.`,
          `Schedule value not allowed: "${String(value)}". Allowed values: ${SCHEDULE_VALUES.join(', ')}.`,
        ),
      );
    }
  }
  for (const y of ctx.scheduleYears) {
    if (!(String(y) in schedule))
      out.push(
        problem(
          'catalogue.schedule_year_missing',
          `${path}/${y}`,
          `Falta el año ${y} en el cronograma (use null si está vacío).`,
          `Year ${y} is missing from the schedule (use null when empty).`,
        ),
      );
  }
  return out;
}

/** One activity: shape, number/id consistency, references, schedule, texts. */
export function checkActivity(a: unknown, path: string, ctx: ActivityContext): CatalogueProblem[] {
  if (!isObj(a))
    return [
      problem(
        'catalogue.not_an_object',
        path,
        `Se esperaba un objeto en ${path}.`,
        `Expected an object at ${path}.`,
      ),
    ];
  const out: CatalogueProblem[] = [];
  const { id, objective, result, number } = a;
  const num = typeof number === 'string' ? ACTIVITY_NUMBER.exec(number) : null;
  if (!num)
    out.push(
      problem(
        'catalogue.number_malformed',
        `${path}/number`,
        `Número de actividad mal formado: "${String(number)}" (se espera p. ej. "1.1").`,
        `Malformed activity number: "${String(number)}" (expected e.g. "1.1").`,
      ),
    );
  if (typeof objective !== 'string' || !ctx.objectives.has(objective)) {
    out.push(
      problem(
        'catalogue.unknown_objective',
        `${path}/objective`,
        `La actividad hace referencia a un objetivo inexistente: "${String(objective)}".`,
        `The activity refers to an unknown objective: "${String(objective)}".`,
      ),
    );
  }
  const resultObjective = typeof result === 'string' ? ctx.results.get(result) : undefined;
  if (resultObjective === undefined) {
    out.push(
      problem(
        'catalogue.unknown_result',
        `${path}/result`,
        `La actividad hace referencia a un resultado inexistente: "${String(result)}".`,
        `The activity refers to an unknown result: "${String(result)}".`,
      ),
    );
  } else if (resultObjective !== objective) {
    out.push(
      problem(
        'catalogue.reference_mismatch',
        `${path}/result`,
        `El resultado ${String(result)} pertenece al objetivo ${resultObjective}, no al ${String(objective)}.`,
        `Result ${String(result)} belongs to objective ${resultObjective}, not ${String(objective)}.`,
      ),
    );
  }
  if (num && typeof result === 'string') {
    if (id !== `${result}.${String(number)}`) {
      out.push(
        problem(
          'catalogue.id_malformed',
          `${path}/id`,
          `El identificador "${String(id)}" debe ser "${result}.${String(number)}" (objetivo.resultado.actividad).`,
          `The id "${String(id)}" must be "${result}.${String(number)}" (objective.result.activity).`,
        ),
      );
    }
    const resultNumber = result.split('.')[1];
    if (num[1] !== resultNumber) {
      out.push(
        problem(
          'catalogue.number_result_mismatch',
          `${path}/number`,
          `La actividad ${String(number)} no corresponde al resultado ${result} (debe comenzar por ${resultNumber}.).`,
          `Activity ${String(number)} does not match result ${result} (it must start with ${resultNumber}.).`,
        ),
      );
    }
  }
  out.push(...checkText(a.text, `${path}/text`));
  if (a.responsible !== null) out.push(...checkText(a.responsible, `${path}/responsible`));
  out.push(...checkSchedule(a.schedule, `${path}/schedule`, ctx));
  return out;
}

function checkArray(value: unknown, path: string): { items: unknown[]; problems: CatalogueProblem[] } {
  if (Array.isArray(value)) return { items: value, problems: [] };
  return {
    items: [],
    problems: [problem('catalogue.field_missing', path, `Falta la lista ${path}.`, `Missing list ${path}.`)],
  };
}

function duplicate(kind: LocalizedText, value: string, path: string): CatalogueProblem {
  return problem(
    'catalogue.duplicate_id',
    path,
    `${kind.es} duplicado: "${value}".`,
    `Duplicate ${kind.en}: "${value}".`,
  );
}

export function validateCatalogue(input: unknown): CatalogueProblem[] {
  if (!isObj(input))
    return [
      problem(
        'catalogue.not_an_object',
        '',
        'El catálogo debe ser un objeto JSON.',
        'The catalogue must be a JSON object.',
      ),
    ];
  const c = input;
  const out: CatalogueProblem[] = [];

  if (c.formatVersion !== 1)
    out.push(
      problem(
        'catalogue.format_version',
        '/formatVersion',
        'Versión de formato no admitida (se espera 1).',
        'Unsupported format version (expected 1).',
      ),
    );
  if (typeof c.planId !== 'string' || !/^[0-9]{4}-[0-9]{4}$/.test(c.planId)) {
    out.push(
      problem(
        'catalogue.plan_id_malformed',
        '/planId',
        'El identificador del plan debe tener la forma AAAA-AAAA.',
        'The plan id must look like YYYY-YYYY.',
      ),
    );
  }
  out.push(...checkText(c.title, '/title'), ...checkText(c.generalObjective, '/generalObjective'));

  const period =
    isObj(c.period) && isInt(c.period.from) && isInt(c.period.to) && c.period.from <= c.period.to
      ? { from: c.period.from, to: c.period.to }
      : null;
  if (!period)
    out.push(
      problem(
        'catalogue.period_invalid',
        '/period',
        'El período del plan debe tener años "from" <= "to".',
        'The plan period must have years "from" <= "to".',
      ),
    );
  const effectivePeriod = period ?? { from: -Infinity, to: Infinity };
  const years =
    Array.isArray(c.scheduleYears) && c.scheduleYears.every(isInt) ? (c.scheduleYears as number[]) : null;
  if (!years)
    out.push(
      problem(
        'catalogue.field_missing',
        '/scheduleYears',
        'Falta la lista de años del cronograma.',
        'Missing list of schedule years.',
      ),
    );
  for (const y of years ?? []) {
    if (y < effectivePeriod.from || y > effectivePeriod.to)
      out.push(
        problem(
          'catalogue.schedule_year_outside_period',
          '/scheduleYears',
          `El año ${y} del cronograma está fuera del período del plan.`,
          `Schedule year ${y} is outside the plan period.`,
        ),
      );
  }
  if (typeof c.planId === 'string' && period && c.planId !== `${period.from}-${period.to}`) {
    out.push(
      problem(
        'catalogue.plan_id_period_mismatch',
        '/planId',
        `El identificador del plan "${c.planId}" no coincide con el período ${period.from}-${period.to}.`,
        `The plan id "${c.planId}" does not match the period ${period.from}-${period.to}.`,
      ),
    );
  }

  // axes
  const axes = checkArray(c.axes, '/axes');
  out.push(...axes.problems);
  const axisNumbers = new Set<number>();
  axes.items.forEach((a, i) => {
    const p = `/axes/${i}`;
    if (!isObj(a) || !isInt(a.number) || a.number < 1) {
      out.push(
        problem(
          'catalogue.number_malformed',
          `${p}/number`,
          'El eje debe tener un número entero positivo.',
          'The axis must have a positive integer number.',
        ),
      );
      return;
    }
    if (axisNumbers.has(a.number)) out.push(duplicate({ es: 'Eje', en: 'axis' }, String(a.number), p));
    axisNumbers.add(a.number);
    out.push(
      ...checkText(a.title, `${p}/title`),
      ...checkText(a.specificObjective, `${p}/specificObjective`),
    );
  });

  // objectives
  const objectives = checkArray(c.objectives, '/objectives');
  out.push(...objectives.problems);
  const numerals = new Set<string>();
  objectives.items.forEach((o, i) => {
    const p = `/objectives/${i}`;
    if (!isObj(o) || !isRomanNumeral(o.numeral)) {
      out.push(
        problem(
          'catalogue.number_malformed',
          `${p}/numeral`,
          'El objetivo debe tener un número romano (I, II, ...).',
          'The objective must have a roman numeral (I, II, ...).',
        ),
      );
      return;
    }
    if (numerals.has(o.numeral)) out.push(duplicate({ es: 'Objetivo', en: 'objective' }, o.numeral, p));
    numerals.add(o.numeral);
    if (!isInt(o.axis) || !axisNumbers.has(o.axis)) {
      out.push(
        problem(
          'catalogue.unknown_axis',
          `${p}/axis`,
          `El objetivo ${o.numeral} hace referencia a un eje inexistente: ${String(o.axis)}.`,
          `Objective ${o.numeral} refers to an unknown axis: ${String(o.axis)}.`,
        ),
      );
    }
    out.push(...checkText(o.text, `${p}/text`));
  });

  // results
  const results = checkArray(c.results, '/results');
  out.push(...results.problems);
  const resultObjective = new Map<string, string>();
  results.items.forEach((r, i) => {
    const p = `/results/${i}`;
    if (!isObj(r) || typeof r.id !== 'string') {
      out.push(
        problem(
          'catalogue.id_malformed',
          `${p}/id`,
          'El resultado debe tener un identificador.',
          'The result must have an id.',
        ),
      );
      return;
    }
    if (resultObjective.has(r.id)) out.push(duplicate({ es: 'Resultado', en: 'result' }, r.id, p));
    if (!isInt(r.number) || r.number < 1) {
      out.push(
        problem(
          'catalogue.number_malformed',
          `${p}/number`,
          'El resultado debe tener un número entero positivo.',
          'The result must have a positive integer number.',
        ),
      );
    } else if (r.id !== `${String(r.objective)}.${r.number}`) {
      out.push(
        problem(
          'catalogue.id_malformed',
          `${p}/id`,
          `El identificador "${r.id}" debe ser "${String(r.objective)}.${r.number}".`,
          `The id "${r.id}" must be "${String(r.objective)}.${r.number}".`,
        ),
      );
    }
    if (typeof r.objective !== 'string' || !numerals.has(r.objective)) {
      out.push(
        problem(
          'catalogue.unknown_objective',
          `${p}/objective`,
          `El resultado ${r.id} hace referencia a un objetivo inexistente: "${String(r.objective)}".`,
          `Result ${r.id} refers to an unknown objective: "${String(r.objective)}".`,
        ),
      );
    }
    resultObjective.set(r.id, String(r.objective));
    out.push(...checkText(r.text, `${p}/text`));
  });

  // activities
  const activities = checkArray(c.activities, '/activities');
  out.push(...activities.problems);
  const ctx: ActivityContext = {
    objectives: numerals,
    results: resultObjective,
    scheduleYears: years ?? [],
    period: effectivePeriod,
  };
  const ids = new Set<string>();
  activities.items.forEach((a, i) => {
    const p = `/activities/${i}`;
    if (isObj(a) && typeof a.id === 'string') {
      if (ids.has(a.id))
        out.push(duplicate({ es: 'Identificador de actividad', en: 'activity id' }, a.id, `${p}/id`));
      ids.add(a.id);
    }
    out.push(...checkActivity(a, p, ctx));
  });
  return out;
}

/** Narrowing helper: true when validateCatalogue finds nothing. */
export function isValidCatalogue(input: unknown): input is PlanCatalogue {
  return validateCatalogue(input).length === 0;
}
