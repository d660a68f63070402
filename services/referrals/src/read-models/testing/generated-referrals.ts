/**
 * A seeded, realistic set of children's cases and cross-border referrals for the aggregate and suppression
 * specs: concentrated corridors (the northern Central American countries to Mexico and the United States, returns
 * the other way, Nicaragua and Costa Rica) and a long tail of rare pairs, so that the country table has large
 * counts, small counts and zeros; referrals acknowledged, accepted, declined, started, completed, revoked,
 * entered in error or left overdue (reminded and escalated); some children referred twice. Alongside the events,
 * the generator keeps its own account of the children each semester counts (`truth`), computed from its plan
 * of actions and not from any read model, so a spec can check the published tables against it.
 */
import { MEMBER_COUNTRIES, seededRandom, type CountryCode } from '@crm/kernel';
import type { Accompaniment, AgeBand, CaseIndicators } from '../../cases/domain';
import type { ReferralStatus } from '../../referrals/domain';
import type { ReferredChild } from '../views/referred-children';
import type { Semester } from '../views/semester';
import type { CaseSpec, ReferralAction, ReferralSpec } from './referral-history';

const HOUR = 3_600_000;

/** [from, to, weight]: how often a referral goes from one country to another. */
const CORRIDORS: Array<[CountryCode, CountryCode, number]> = [
  ['HN', 'MX', 12],
  ['HN', 'US', 10],
  ['GT', 'MX', 11],
  ['GT', 'US', 9],
  ['SV', 'MX', 6],
  ['SV', 'US', 6],
  ['MX', 'HN', 5],
  ['MX', 'GT', 5],
  ['US', 'HN', 3],
  ['US', 'GT', 3],
  ['US', 'SV', 2],
  ['MX', 'SV', 2],
  ['NI', 'CR', 4],
  ['CR', 'NI', 2],
  ['HN', 'GT', 2],
  ['GT', 'HN', 2],
  ['PA', 'CR', 1],
  ['NI', 'HN', 1],
  ['DO', 'US', 1],
  ['CA', 'MX', 0.5],
  ['BZ', 'GT', 0.5],
  ['PA', 'MX', 0.5],
];

const GIVEN = [
  'José Luis',
  'María Fernanda',
  'Ana Lucía',
  'Kevin Josué',
  'Dulce María',
  'Brayan Alexis',
  'Yeimi Sarahí',
  'Óscar René',
];
const FAMILY = [
  'Pérez López',
  'Mejía Cruz',
  'Xiloj Tzoc',
  'Hernández Ramos',
  'Castillo Orellana',
  'Ramírez Soto',
  'Cáceres Matute',
];

export interface GeneratedCase extends Omit<CaseSpec, 'identifying'> {
  names: { givenNames: string; familyNames: string; dateOfBirth: string };
  /** A later correction of the age band (after the semesters counted: the counts must not move). */
  correctedAgeBand: { at: string; ageBand: AgeBand } | null;
  erased: boolean;
}

export interface GeneratedReferrals {
  cases: GeneratedCase[];
  referrals: ReferralSpec[];
  /** The instant after every generated action (the dashboards' clock). */
  after: string;
  /** The children each semester counts, by the generator's own account. */
  truth(semester: Semester): ReferredChild[];
}

function pick<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let draw = random() * total;
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw <= 0) return item;
  }
  return items[items.length - 1][0];
}

const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
const uuid = (random: () => number) => {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
};
const institution = (country: CountryCode) => ({ country, institutionId: `${country}-PROTECCION` });

/** Status changes of a planned referral: [instant, status]. */
type Plan = Array<[number, ReferralStatus]>;

/**
 * `children` children per semester given (each semester's children are registered and referred in it),
 * from the seed: the same seed gives the same histories.
 */
export function generateReferrals(
  seed: number,
  semesters: ReadonlyArray<{ semester: Semester; children: number }>,
): GeneratedReferrals {
  const random = seededRandom(seed);
  const cases: GeneratedCase[] = [];
  const referrals: ReferralSpec[] = [];
  const plans = new Map<string, { spec: ReferralSpec; plan: Plan; sentAt: number }>();
  let after = 0;
  const hoursLater = (from: number, min: number, max: number) => from + (min + random() * (max - min)) * HOUR;

  const corridor = (): [CountryCode, CountryCode] => {
    if (random() < 0.04) {
      const from = MEMBER_COUNTRIES[Math.floor(random() * MEMBER_COUNTRIES.length)];
      const others = MEMBER_COUNTRIES.filter((c) => c !== from);
      return [from, others[Math.floor(random() * others.length)]];
    }
    const [from, to] = pick(
      random,
      CORRIDORS.map(([f, t, w]) => [[f, t] as [CountryCode, CountryCode], w] as const),
    );
    return [from, to];
  };

  const planReferral = (caseId: string, from: CountryCode, to: CountryCode, sentAt: number): void => {
    const referralId = uuid(random);
    const actions: ReferralAction[] = [{ kind: 'send', at: iso(sentAt) }];
    const plan: Plan = [[sentAt, 'requested']];
    const add = (
      kind: 'acknowledge' | 'accept' | 'decline' | 'start' | 'complete',
      at: number,
      status: ReferralStatus,
    ) => {
      actions.push({ kind, at: iso(at) });
      plan.push([Date.parse(iso(at)), status]);
    };
    const fate = random();
    let t = sentAt;
    if (fate < 0.03) {
      t = hoursLater(t, 0.2, 2);
      actions.push({ kind: 'enteredInError', at: iso(t) });
      plan.push([Date.parse(iso(t)), 'entered_in_error']);
    } else if (fate < 0.06) {
      t = hoursLater(t, 1, 48);
      actions.push({ kind: 'revoke', at: iso(t) });
      plan.push([Date.parse(iso(t)), 'revoked']);
    } else if (fate < 0.14) {
      // never acknowledged: reminded half-way, escalated at 48 h, reminded and escalated again at 96 h
      const due = sentAt + 48 * HOUR;
      actions.push(
        { kind: 'remind', at: iso(due - 24 * HOUR), step: 'acknowledge', dueAt: iso(due) },
        { kind: 'escalate', at: iso(due), step: 'acknowledge', dueAt: iso(due) },
        { kind: 'remind', at: iso(due + 24 * HOUR), step: 'acknowledge', dueAt: iso(due + 48 * HOUR) },
        { kind: 'escalate', at: iso(due + 48 * HOUR), step: 'acknowledge', dueAt: iso(due + 48 * HOUR) },
      );
      t = due + 48 * HOUR;
    } else {
      t = hoursLater(t, 0.5, random() < 0.8 ? 40 : 140);
      add('acknowledge', t, 'acknowledged');
      const decision = random();
      if (decision < 0.75) {
        t = hoursLater(t, 1, random() < 0.7 ? 72 : 300);
        add('accept', t, 'accepted');
        if (random() < 0.7) {
          t = hoursLater(t, 2, 120);
          add('start', t, 'in_progress');
          if (random() < 0.55) {
            t = hoursLater(t, 24, 900);
            add('complete', t, 'completed');
          }
        }
      } else if (decision < 0.9) {
        t = hoursLater(t, 1, 100);
        add('decline', t, 'declined');
      }
    }
    after = Math.max(after, t);
    const spec: ReferralSpec = {
      referralId,
      caseId,
      from: institution(from),
      to: institution(to),
      draftedAt: iso(sentAt - hoursLater(0, 0.5, 6)),
      actions,
    };
    referrals.push(spec);
    plans.set(referralId, { spec, plan, sentAt: Date.parse(iso(sentAt)) });
  };

  for (const { semester, children } of semesters) {
    const start = Date.parse(semester.start);
    const span = Date.parse(semester.end) - start;
    for (let i = 0; i < children; i++) {
      const [from, to] = corridor();
      const registeredAt = start + random() * span * 0.97;
      const caseId = `${from}-${uuid(random)}`;
      const ageBand = pick<AgeBand>(random, [
        ['15-17', 45],
        ['12-14', 30],
        ['6-11', 15],
        ['0-5', 10],
      ]);
      const sex = pick<CaseIndicators['sex']>(random, [
        ['male', 60],
        ['female', 38],
        ['other', 1],
        ['unknown', 1],
      ]);
      const accompaniment = pick<Accompaniment>(random, [
        ['unaccompanied', 55],
        ['separated', 25],
        ['accompanied', 20],
      ]);
      const year = 2020 - (ageBand === '0-5' ? 3 : ageBand === '6-11' ? 9 : ageBand === '12-14' ? 13 : 16);
      cases.push({
        caseId,
        institution: institution(from),
        at: iso(registeredAt),
        ageBand,
        sex,
        accompaniment,
        names: {
          givenNames: GIVEN[Math.floor(random() * GIVEN.length)],
          familyNames: FAMILY[Math.floor(random() * FAMILY.length)],
          dateOfBirth: `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        },
        correctedAgeBand:
          random() < 0.05 && ageBand !== '15-17'
            ? { at: iso(Date.parse(semester.end) + 10 * 24 * HOUR), ageBand: '15-17' }
            : null,
        erased: random() < 0.03,
      });
      const sentAt = registeredAt + (1 + random() * 20) * HOUR;
      planReferral(caseId, from, to, sentAt);
      const more = random();
      if (more < 0.07) planReferral(caseId, from, to, sentAt + (50 + random() * 200) * HOUR);
      else if (more < 0.15) {
        const second = corridor()[1];
        if (second !== from && second !== to)
          planReferral(caseId, from, second, sentAt + random() * 100 * HOUR);
      }
    }
  }

  const caseOf = new Map(cases.map((c) => [c.caseId, c]));
  return {
    cases,
    referrals,
    after: iso(after + 30 * 24 * HOUR),
    truth(semester) {
      const start = Date.parse(semester.start);
      const end = Date.parse(semester.end);
      const units = new Map<string, { sentAt: number; id: string; child: ReferredChild }>();
      for (const { spec, plan, sentAt } of plans.values()) {
        if (sentAt < start || sentAt >= end) continue;
        const status = plan.filter(([at]) => at < end).pop()?.[1];
        if (!status || status === 'entered_in_error') continue;
        const child = caseOf.get(spec.caseId)!;
        const key = `${spec.caseId}|${spec.to.country}`;
        const seen = units.get(key);
        if (seen && (seen.sentAt > sentAt || (seen.sentAt === sentAt && seen.id > spec.referralId))) continue;
        units.set(key, {
          sentAt,
          id: spec.referralId,
          child: {
            from: spec.from.country,
            to: spec.to.country,
            status: status as ReferredChild['status'],
            ageBand:
              child.correctedAgeBand && Date.parse(child.correctedAgeBand.at) < end
                ? child.correctedAgeBand.ageBand
                : child.ageBand,
            sex: child.sex,
            accompaniment: child.accompaniment,
          },
        });
      }
      return [...units.values()].map((u) => u.child);
    },
  };
}
