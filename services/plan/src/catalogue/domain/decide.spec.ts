import { given, type DecisionContext } from '@crm/decider';
import type { CatalogueCommand } from './commands';
import { catalogueAt, catalogueDecider } from './decider';
import type { CatalogueEvent } from './events';
import { importCommandFrom } from './load-catalogue';
import { liveActivities } from './state';
import { catalogueStreamId } from './stream';
import { sampleActivity, sampleCatalogue } from './test-fixtures';

const CTX: DecisionContext = {
  now: new Date('2018-03-01T10:00:00.000Z'),
  actor: { subject: 'st-editor', role: 'secretariat_editor', country: 'ST', institution: 'ST-CRM' },
};
const AT = CTX.now.toISOString();
const reason = { es: 'Acuerdo de la reunión de la Red.', en: 'Agreed at the Network meeting.' };
const stamp = (version: number) => ({ planId: '2017-2022', version, reason, at: AT, by: 'st-editor' });

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
      const state = given(catalogueDecider).when(importCmd, CTX).then(imported).state;
      expect(state.version).toBe(1);
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1']);
      expect(state.history).toEqual([]);
    });
    it('refuses a second import', () => {
      given(catalogueDecider, imported).when(importCmd, CTX).thenThrows('catalogue.already_imported');
    });
    it('refuses an invalid catalogue, listing the problems', () => {
      const bad = { ...sampleCatalogue(), objectives: [] };
      const error = given(catalogueDecider)
        .when({ type: 'ImportCatalogue', catalogue: bad, reason }, CTX)
        .thenThrows('catalogue.invalid');
      expect((error.details.problems as { code: string }[]).map((p) => p.code)).toContain(
        'catalogue.unknown_objective',
      );
    });
    it('refuses a command without a reason', () => {
      given(catalogueDecider)
        .when({ ...importCmd, reason: { es: ' ' } }, CTX)
        .thenThrows('catalogue.reason_required');
    });
    it('accepts the command built by the loader', () => {
      const command = importCommandFrom(sampleCatalogue(), reason);
      given(catalogueDecider).when(command, CTX).then(imported);
    });
  });

  describe('AddActivity', () => {
    const activity = sampleActivity();
    it('adds an activity and bumps the version', () => {
      const state = given(catalogueDecider, imported)
        .when({ type: 'AddActivity', planId: P, activity, reason }, CTX)
        .then({ type: 'ActivityAdded', data: { ...stamp(2), activity } }).state;
      expect(state.version).toBe(2);
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1', 'IV.1.1.2']);
      expect(state.history).toEqual([
        { version: 2, type: 'ActivityAdded', activityId: 'IV.1.1.2', reason, at: AT, by: 'st-editor' },
      ]);
    });
    it('refuses before the import', () => {
      given(catalogueDecider)
        .when({ type: 'AddActivity', planId: P, activity, reason }, CTX)
        .thenThrows('catalogue.not_imported');
    });
    it('refuses another plan', () => {
      given(catalogueDecider, imported)
        .when({ type: 'AddActivity', planId: '2023-2027', activity, reason }, CTX)
        .thenThrows('catalogue.plan_mismatch');
    });
    it('refuses a duplicate id', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'AddActivity',
            planId: P,
            activity: sampleActivity({ id: 'IV.1.1.1', number: '1.1' }),
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.duplicate_activity');
    });
    it('refuses to reuse the id of a retired activity', () => {
      given(catalogueDecider, imported, retired)
        .when(
          {
            type: 'AddActivity',
            planId: P,
            activity: sampleActivity({ id: 'IV.1.1.1', number: '1.1' }),
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.duplicate_activity');
    });
    it('refuses an activity of an unknown result', () => {
      const error = given(catalogueDecider, imported)
        .when(
          {
            type: 'AddActivity',
            planId: P,
            activity: sampleActivity({ id: 'IV.9.9.1', result: 'IV.9', number: '9.1' }),
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.invalid_activity');
      expect((error.details.problems as { code: string }[]).map((p) => p.code)).toContain(
        'catalogue.unknown_result',
      );
    });
    it('refuses an invalid schedule value', () => {
      const bad = sampleActivity({ schedule: { ...sampleActivity().schedule, '2019': 'Semanal' as never } });
      const error = given(catalogueDecider, imported)
        .when({ type: 'AddActivity', planId: P, activity: bad, reason }, CTX)
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
      const { state } = given(catalogueDecider, imported)
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.1', text, reason }, CTX)
        .then({
          type: 'ActivityReworded',
          data: { ...stamp(2), activityId: 'IV.1.1.1', previous, text },
        });
      expect(state.catalogue?.activities[0].text).toEqual(text);
      expect(state.history[0].change).toEqual({ from: previous, to: text });
    });
    it('refuses an unknown activity', () => {
      given(catalogueDecider, imported)
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.9', text, reason }, CTX)
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses a retired activity', () => {
      given(catalogueDecider, imported, retired)
        .when({ type: 'RewordActivity', planId: P, activityId: 'IV.1.1.1', text, reason }, CTX)
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses a wording without English', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'RewordActivity',
            planId: P,
            activityId: 'IV.1.1.1',
            text: { es: text.es, en: '' },
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.text_missing');
    });
    it('refuses a no-op', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'RewordActivity',
            planId: P,
            activityId: 'IV.1.1.1',
            text: sampleCatalogue().activities[0].text,
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.no_change');
    });
  });

  describe('RetireActivity', () => {
    it('retires; the activity stays in the catalogue and the history', () => {
      const state = given(catalogueDecider, imported)
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason }, CTX)
        .then(retired).state;
      expect(state.retired['IV.1.1.1']).toEqual({ version: 2, reason, at: AT, by: 'st-editor' });
      expect(state.catalogue?.activities.map((a) => a.id)).toEqual(['IV.1.1.1']);
      expect(liveActivities(state)).toEqual([]);
      expect(state.history.map((h) => h.type)).toEqual(['ActivityRetired']);
    });
    it('refuses an unknown activity', () => {
      given(catalogueDecider, imported)
        .when({ type: 'RetireActivity', planId: P, activityId: 'XX.1.1.1', reason }, CTX)
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses retiring twice', () => {
      given(catalogueDecider, imported, retired)
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason }, CTX)
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses without a reason', () => {
      given(catalogueDecider, imported)
        .when({ type: 'RetireActivity', planId: P, activityId: 'IV.1.1.1', reason: {} }, CTX)
        .thenThrows('catalogue.reason_required');
    });
  });

  describe('ChangeSchedule', () => {
    it('changes one year and records the previous value', () => {
      const { state } = given(catalogueDecider, imported)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.1',
            year: 2019,
            value: 'I Semestre',
            reason,
          },
          CTX,
        )
        .then({
          type: 'ScheduleChanged',
          data: { ...stamp(2), activityId: 'IV.1.1.1', year: 2019, previous: null, value: 'I Semestre' },
        });
      expect(state.catalogue?.activities[0].schedule['2019']).toBe('I Semestre');
    });
    it('clears a year (value null)', () => {
      given(catalogueDecider, imported)
        .when(
          { type: 'ChangeSchedule', planId: P, activityId: 'IV.1.1.1', year: 2018, value: null, reason },
          CTX,
        )
        .then({
          type: 'ScheduleChanged',
          data: { ...stamp(2), activityId: 'IV.1.1.1', year: 2018, previous: 'Continuo', value: null },
        });
    });
    it('refuses a value outside the closed set (including a case variant)', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.1',
            year: 2019,
            value: 'I semestre' as never,
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.schedule_value_invalid');
    });
    it('refuses a year that is not a schedule column', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.1',
            year: 2023,
            value: 'Continuo',
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.schedule_year_unknown');
    });
    it('refuses an unknown activity', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.3',
            year: 2019,
            value: 'Continuo',
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.unknown_activity');
    });
    it('refuses a retired activity', () => {
      given(catalogueDecider, imported, retired)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.1',
            year: 2019,
            value: 'Continuo',
            reason,
          },
          CTX,
        )
        .thenThrows('catalogue.activity_retired');
    });
    it('refuses a no-op', () => {
      given(catalogueDecider, imported)
        .when(
          {
            type: 'ChangeSchedule',
            planId: P,
            activityId: 'IV.1.1.1',
            year: 2017,
            value: 'II Semestre',
            reason,
          },
          CTX,
        )
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
