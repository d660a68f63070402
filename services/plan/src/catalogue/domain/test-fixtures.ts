/** A small valid catalogue for the validator and decider tests (shape of the real file, two activities). */
import type { Activity, PlanCatalogue } from './catalogue.types';

const years = (over: Record<string, string | null> = {}) => ({
  '2017': null,
  '2018': null,
  '2019': null,
  '2020': null,
  '2021': null,
  ...over,
});

export function sampleActivity(over: Partial<Activity> = {}): Activity {
  return {
    id: 'IV.1.1.2',
    objective: 'IV',
    result: 'IV.1',
    number: '1.2',
    text: {
      es: 'Realizar un taller sobre la implementación y aplicación de la plataforma.',
      en: 'Hold a workshop on the implementation and use of the platform.',
    },
    responsible: null,
    schedule: years({ '2018': 'II Semestre' }) as Activity['schedule'],
    ...over,
  };
}

export function sampleCatalogue(): PlanCatalogue {
  return {
    formatVersion: 1,
    planId: '2017-2022',
    title: { es: 'Plan Estratégico 2017-2022', en: 'Strategic Plan 2017-2022' },
    period: { from: 2017, to: 2022 },
    scheduleYears: [2017, 2018, 2019, 2020, 2021],
    generalObjective: {
      es: 'Contribuir a que los Países Miembros...',
      en: 'Contribute to the Member Countries...',
    },
    axes: [
      {
        number: 2,
        title: { es: 'Protección consular', en: 'Consular protection' },
        specificObjective: { es: 'Fortalecer las acciones consulares', en: 'Strengthen consular action' },
      },
    ],
    objectives: [
      {
        numeral: 'IV',
        axis: 2,
        text: { es: 'Fomentar la coordinación intersectorial', en: 'Foster intersectoral coordination' },
      },
    ],
    results: [
      {
        id: 'IV.1',
        objective: 'IV',
        number: 1,
        text: {
          es: 'Plataforma de intercambio de información regional',
          en: 'Regional information-exchange platform',
        },
      },
    ],
    activities: [
      {
        id: 'IV.1.1.1',
        objective: 'IV',
        result: 'IV.1',
        number: '1.1',
        text: {
          es: 'Crear para el 2018 la plataforma de intercambio de información.',
          en: 'Create the information-exchange platform by 2018.',
        },
        responsible: null,
        schedule: years({ '2017': 'II Semestre', '2018': 'Continuo' }) as Activity['schedule'],
      },
    ],
  };
}
