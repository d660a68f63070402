import type { DecisionContext } from '@crm/decider';
import { LocalizedError } from '@crm/kernel';
import { catalogueAt, catalogueDecider, liveActivities } from './catalogue.decider';
import {
  catalogueStreamId,
  type CatalogueCommand,
  type CatalogueEvent,
  type CatalogueState,
} from './catalogue.messages';
import { importCommandFrom } from './load-catalogue';
import { sampleActivity, sampleCatalogue } from './test-fixtures';

const CTX: DecisionContext = {
  now: new Date('2018-03-01T10:00:00.000Z'),
  actor: { subject: 'st-editor', role: 'secretariat_editor', country: 'ST', institution: 'ST-CRM' },
};
const AT = CTX.now.toISOString();
const reason = { es: 'Acuerdo de la reunión de la Red.', en: 'Agreed at the Network meeting.' };
const stamp = (version: number) => ({ planId: '2017-2022', version, reason, at: AT, by: 'st-editor' });

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** given(events).when(command).then(expectedEvents) / .thenThrows(code). The state is frozen: decide must not mutate it. */
function given(events: CatalogueEvent[]) {
  const state: CatalogueState = deepFreeze(catalogueAt(events));
  return {
    when(command: CatalogueCommand) {
      return {
        then(expected: CatalogueEvent[]): CatalogueState {
          const produced = catalogueDecider.decide(command, state, CTX);
          expect(produced).toEqual(expected);
          return produced.reduce(catalogueDecider.evolve, state);
        },
        thenThrows(code: string): LocalizedError {
          let caught: unknown;
          try {
            catalogueDecider.decide(command, state, CTX);
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(LocalizedError);
          const error = caught as LocalizedError;
          expect(error.code).toBe(code);
          expect(error.text.es.length).toBeGreaterThan(0);
          expect(error.text.en.length).toBeGreaterThan(0);
          return error;
        },
      };
    },
  };
}

const imported: CatalogueEvent = {
  type: 'CatalogueImported',
  data: { ...stamp(1), catalogue: sampleCatalogue() },
};
const importCmd: CatalogueCommand = { type: 'ImportCatalogue', catalogue: sampleCatalogue(), reason };
const retired: CatalogueEvent = { type: 'ActivityRetired', data: { ...stamp(2), activityId: 'IV.1.1.1' } };
const P = '2017-2022';

describe('catalogue decider', () => {
  it('names the stream after the plan', () => {
    expect(catalogueStreamId('2017-2022')).toBe('planCatalogue-2017-2022');
  });

  describe('ImportCatalogue', () => {
    it('imports the whole plan as one event, version 1', () => {
      const state = given([]).when(importCmd).then([imported]);
      expect(state.version).toBe(1);
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1']);
      expect(state.history).toEqual([]);
    });
    it('refuses a second import', () => {
      given([imported]).when(importCmd).thenThrows('catalogue.already_imported');
    });
    it('refuses an invalid catalogue, listing the problems', () => {
      const bad = { ...sampleCatalogue(), objectives: [] };
      const error = given([])
        .when({ type: 'ImportCatalogue', catalogue: bad, reason })
        .thenThrows('catalogue.invalid');
      expect((error.details.problems as { code: string }[]).map((p) => p.code)).toContain(
        'catalogue.unknown_objective',
      );
    });
    it('refuses a command without a reason', () => {
      given([])
        .when({ ...importCmd, reason: { es: ' ' } })
        .thenThrows('catalogue.reason_required');
    });
    it('accepts the command built by the loader', () => {
      const command = importCommandFrom(sampleCatalogue(), reason);
      given([]).when(command).then([imported]);
    });
  });

  describe('AddActivity', () => {
    const activity = sampleActivity();
    it('adds an activity and bumps the version', () => {
      const state = given([imported])
        .when({ type: 'AddActivity', planId: P, activity, reason })
        .then([{ type: 'ActivityAdded', data: { ...stamp(2), activity } }]);
      expect(state.version).toBe(2);
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1', 'IV.1.1.2']);
      expect(state.history).toEqual([
        { version: 2, type: 'ActivityAdded', activityId: 'IV.1.1.2', reason, at: AT, by: 'st-editor' },
      ]);
    });
    it('refuses before the import', () => {
      given([])
        .when({ type: 'AddActivity', planId: P, activity, reason })
        .thenThrows('catalogue.not_imported');
    });
    it('refuses another plan', () => {
      given([imported])
        .when({ type: 'AddActivity', planId: '2023-2027', activity, reason })
        .thenThrows('catalogue.plan_mismatch');
    });
    it('refuses a duplicate id', () => {
      given([imported])
        .when({
          type: 'AddActivity',
          planId: P,
          activity: sampleActivity({ id: 'IV.1.1.1', number: '1.1' }),
          reason,
        })
        .thenThrows('catalogue.duplicate_activity');
    });
    it('refuses to reuse the id of a retired activity', () => {
      given([imported, retired])
        .when({
          type: 'AddActivity',
          planId: P,
          activity: sampleActivity({ id: 'IV.1.1.1', number: '1.1' }),
          reason,
        })
        .thenThrows('catalogue.duplicate_activity');
    });
    it('refuses an activity of an unknown result', () => {
      const error = given([imported])
        .when({
          type: 'AddActivity',
          planId: P,
          activity: sampleActivity({ id: 'IV.9.9.1', result: 'IV.9', number: '9.1' }),
          reason,
        })
        .thenThrows('catalogue.invalid_activity');
      expect((error.details.problems as { code: string }[]).map((p) => p.code)).toContain(
        'catalogue.unknown_result',
      );
    });
    it('refuses an invalid schedule value', () => {
      const bad = sampleActivity({ schedule: { ...sampleActivity().schedule, '2019': 'Semanal' as never } });
      const error = given([imported])
        .when({ type: 'AddActivity', planId: P, activity: bad, reason })
        .thenThrows('catalogue.invalid_activity');
      expect((error.details.problems as { code: string }[]).map((p) => p.code)).toEqual([
        'catalogue.schedule_value_invalid',
      ]);
    });
  });

  describe('RewordActivity', () => {
    const text = {
      es: 'Crear en 2018 la plataforma regional de intercambio de información.',
      en: 'Create the regional information-exchange platform in 2018.',
    };
    it('rewords and keeps the previous text in the event and the history', () => {
      const previous = sampleCatalogue().activities[0].text;
      const state = given([imported])
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.1', text, reason })
        .then([{ type: 'ActivityReworded', data: { ...stamp(2), activityId: 'IV.1.1.1', previous, text } }]);
      expect(state.catalogue?.activities[0].text).toEqual(text);
      expect(state.history[0].change).toEqual({ from: previous, to: text });
    });
    it('refuses an unknown activity', () => {
      given([imported])
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.9', text, reason })
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses a retired activity', () => {
      given([imported, retired])
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.1', text, reason })
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses a wording without English', () => {
      given([imported])
        .when({
          type: 'RewordActivity',
          planId: P,
          activityId: 'IV.1.1.1',
          text: { es: text.es, en: '' },
          reason,
        })
        .thenThrows('catalogue.text_missing');
    });
    it('refuses a no-op', () => {
      given([imported])
        .when({
          type: 'RewordActivity',
          planId: P,
          activityId: 'IV.1.1.1',
          text: sampleCatalogue().activities[0].text,
          reason,
        })
        .thenThrows('catalogue.no_change');
    });
  });

  describe('RetireActivity', () => {
    it('retires; the activity stays in the catalogue and the history', () => {
      const state = given([imported])
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason })
        .then([retired]);
      expect(state.retired['IV.1.1.1']).toEqual({ version: 2, reason, at: AT, by: 'st-editor' });
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1']);
      expect(liveActivities(state)).toEqual([]);
      expect(state.history.map((h) => h.type)).toEqual(['ActivityRetired']);
    });
    it('refuses an unknown activity', () => {
      given([imported])
        .when({ type: 'RetireActivity', planId: P, activityId: 'XX.1.1.1', reason })
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses retiring twice', () => {
      given([imported, retired])
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason })
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses without a reason', () => {
      given([imported])
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason: {} })
        .thenThrows('catalogue.reason_required');
    });
  });

  describe('ChangeSchedule', () => {
    it('changes one year and records the previous value', () => {
      const state = given([imported])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.1',
          year: 2019,
          value: 'I Semestre',
          reason,
        })
        .then([
          {
            type: 'ScheduleChanged',
            data: { ...stamp(2), activityId: 'IV.1.1.1', year: 2019, previous: null, value: 'I Semestre' },
          },
        ]);
      expect(state.catalogue?.activities[0].schedule['2019']).toBe('I Semestre');
    });
    it('clears a year (value null)', () => {
      given([imported])
        .when({ type: 'ChangeSchedule', planId: P, activityId: 'IV.1.1.1', year: 2018, value: null, reason })
        .then([
          {
            type: 'ScheduleChanged',
            data: { ...stamp(2), activityId: 'IV.1.1.1', year: 2018, previous: 'Continuo', value: null },
          },
        ]);
    });
    it('refuses a value outside the closed set (including a case variant)', () => {
      given([imported])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.1',
          year: 2019,
          value: 'I semestre' as never,
          reason,
        })
        .thenThrows('catalogue.schedule_value_invalid');
    });
    it('refuses a year that is not a schedule column', () => {
      given([imported])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.1',
          year: 2023,
          value: 'Continuo',
          reason,
        })
        .thenThrows('catalogue.schedule_year_unknown');
    });
    it('refuses an unknown activity', () => {
      given([imported])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.3',
          year: 2019,
          value: 'Continuo',
          reason,
        })
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses a retired activity', () => {
      given([imported, retired])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.1',
          year: 2019,
          value: 'Continuo',
          reason,
        })
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses a no-op', () => {
      given([imported])
        .when({
          type: 'ChangeSchedule',
          planId: P,
          activityId: 'IV.1.1.1',
          year: 2017,
          value: 'II Semestre',
          reason,
        })
        .thenThrows('catalogue.no_change');
    });
  });

  it('catalogueAt folds the whole history: versions, amendments in order, retired kept', () => {
    const added = sampleActivity();
    const events: CatalogueEvent[] = [
      imported,
      { type: 'ActivityAdded', data: { ...stamp(2), activity: added } },
      {
        type: 'ScheduleChanged',
        data: { ...stamp(3), activityId: 'IV.1.1.2', year: 2019, previous: null, value: 'Continuo' },
      },
      { type: 'ActivityRetired', data: { ...stamp(4), activityId: 'IV.1.1.1' } },
    ];
    const state = catalogueAt(events);
    expect(state.version).toBe(4);
    expect(state.history.map((h) => [h.version, h.type, h.activityId])).toEqual([
      [2, 'ActivityAdded', 'IV.1.1.2'],
      [3, 'ScheduleChanged', 'IV.1.1.2'],
      [4, 'ActivityRetired', 'IV.1.1.1'],
    ]);
    expect(liveActivities(state).map((a) => [a.id, a.schedule['2019']])).toEqual([['IV.1.1.2', 'Continuo']]);
    // as of version 2 (the first two events) the schedule change and the retirement had not happened
    const earlier = catalogueAt(events.slice(0, 2));
    expect(liveActivities(earlier).map((a) => [a.id, a.schedule['2019']])).toEqual([
      ['IV.1.1.1', null],
      ['IV.1.1.2', null],
    ]);
  });
});
