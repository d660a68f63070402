/** A small scripted plan history for the read-model, review and CLI tests (PostgreSQL store, fixed clock). */
import { randomUUID } from 'node:crypto';
import { handleCommand, type Decider, type DomainEvent } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import { loadCatalogueFile, PLAN_2017_2022_FILE } from '../../../catalogue/load';
import { catalogueDecider, catalogueStreamId, type CatalogueCommand } from '../../catalogue/domain';
import { defaultWindow } from '../../windows/domain';
import {
  reportDecider,
  reportStreamName,
  type ImplementationStatus,
  type ReportCommand,
  type ReportKey,
} from '../../reports/domain';

export const PLAN_ID = '2017-2022';
export const PERIOD = '2020-S1' as const;
export const ST: Actor = {
  subject: 'dev|st.coordinator',
  role: 'secretariat_coordinator',
  country: 'ST',
  institution: 'ST-CRM',
};
export const officer = (country: CountryCode): Actor => ({
  subject: `dev|${country.toLowerCase()}.reporting_officer`,
  role: 'reporting_officer',
  country,
  institution: `${country}/MRE`,
});

/** Instants of the script: T_MID is after SV's late submission and before the return, the reopen and the catalogue amendment. */
export const T = {
  imported: '2020-01-10T09:00:00.000Z',
  mid: '2020-08-07T00:00:00.000Z',
  amended: '2020-09-01T10:00:00.000Z',
  end: '2020-10-01T00:00:00.000Z',
};
export const RETIRED_ACTIVITY = 'XVI.2.2.5';

type MutableClock = (() => Date) & { set(t: string): void };

async function run<C, E extends DomainEvent, S>(
  store: EventStore,
  clock: MutableClock,
  at: string,
  decider: Decider<C, E, S>,
  streamName: string,
  command: C,
  actor: Actor,
  countries: CountryCode[],
) {
  clock.set(at);
  return handleCommand({
    store,
    decider,
    streamName,
    command,
    context: { envelope: { commandId: randomUUID(), actor, countries, correlationId: randomUUID() }, clock },
  });
}

/**
 * The script (period 2020-S1, default window 1-31 July 2020):
 * - 2020-01-10 ST imports the catalogue
 * - HN: IV.1.1.1 drafted in_progress (06-15), submitted on time (07-10), approved (07-25), reopened (09-10),
 *   redrafted completed and resubmitted late (09-12); IV.1.1.2 drafted completed (06-16), submitted on time
 *   (07-10), returned (08-10)
 * - GT: IV.1.1.1 drafted completed and submitted on time (07-20)
 * - SV: V.1.1.1 drafted delayed and submitted late (08-05)
 * - 2020-09-01 ST retires XVI.2.2.5
 */
export async function writeScenario(store: EventStore, clock: MutableClock): Promise<void> {
  const imported = loadCatalogueFile(PLAN_2017_2022_FILE);
  await run(
    store,
    clock,
    T.imported,
    catalogueDecider,
    catalogueStreamId(PLAN_ID),
    imported as CatalogueCommand,
    ST,
    [],
  );
  const catalogue = {
    version: `${PLAN_ID}@1`,
    activityExists: (id: string) => imported.catalogue.activities.some((a) => a.id === id),
  };
  const key = (country: CountryCode, activityId: string): ReportKey => ({
    country,
    activityId,
    period: PERIOD,
  });
  const report = (at: string, k: ReportKey, command: ReportCommand, actor: Actor) =>
    run(store, clock, at, reportDecider, reportStreamName(k), command, actor, [k.country]);
  const draft = (at: string, k: ReportKey, status: ImplementationStatus) =>
    report(
      at,
      k,
      {
        type: 'SaveDraft',
        ...k,
        catalogue,
        content: {
          status,
          narrative: { es: `Avance de ${k.activityId} en ${k.country}.` },
          evidence: ['https://example.org/acta.pdf'],
        },
      },
      officer(k.country),
    );
  const submit = (at: string, k: ReportKey) =>
    report(at, k, { type: 'SubmitReport', ...k, window: defaultWindow(PERIOD) }, officer(k.country));

  const hn1 = key('HN', 'IV.1.1.1');
  const hn2 = key('HN', 'IV.1.1.2');
  const gt1 = key('GT', 'IV.1.1.1');
  const sv1 = key('SV', 'V.1.1.1');
  await draft('2020-06-15T15:00:00.000Z', hn1, 'in_progress');
  await draft('2020-06-16T15:00:00.000Z', hn2, 'completed');
  await submit('2020-07-10T14:00:00.000Z', hn1);
  await submit('2020-07-10T14:05:00.000Z', hn2);
  await draft('2020-07-20T10:00:00.000Z', gt1, 'completed');
  await submit('2020-07-20T10:30:00.000Z', gt1);
  await report('2020-07-25T12:00:00.000Z', hn1, { type: 'ApproveReport', ...hn1 }, ST);
  await draft('2020-08-05T09:00:00.000Z', sv1, 'delayed');
  await submit('2020-08-05T09:30:00.000Z', sv1);
  await report(
    '2020-08-10T16:00:00.000Z',
    hn2,
    { type: 'ReturnReport', ...hn2, comments: { es: 'Falta la evidencia del taller.' } },
    ST,
  );
  await run(
    store,
    clock,
    T.amended,
    catalogueDecider,
    catalogueStreamId(PLAN_ID),
    {
      type: 'RetireActivity',
      planId: PLAN_ID,
      activityId: RETIRED_ACTIVITY,
      reason: { es: 'Actividad fusionada.' },
    },
    ST,
    [],
  );
  await report(
    '2020-09-10T08:00:00.000Z',
    hn1,
    { type: 'ReopenReport', ...hn1, reason: { es: 'Cifras corregidas por el ministerio.' } },
    ST,
  );
  await draft('2020-09-12T08:00:00.000Z', hn1, 'completed');
  await submit('2020-09-12T09:00:00.000Z', hn1);
  clock.set(T.end);
}
