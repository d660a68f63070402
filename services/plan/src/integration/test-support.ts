import { Role, type Principal } from '@crm/auth';
import { MemoryEventStore, type EventStore, type RecordedEvent } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../../catalogue/load';
import { PlanCommands } from '../application/plan-commands.service';

export const HN_OFFICER: Principal = { subject: 'hn-reporting-officer-01', country: 'HN', institution: 'HN/SRECI', roles: [Role.ReportingOfficer] };
export const COORDINATOR: Principal = { subject: 'st-coordinator-01', country: 'ST', institution: 'ST-CRM', roles: [Role.SecretariatCoordinator] };

/**
 * The memory store clones with `structuredClone`, whose objects belong to another realm under jest: data read
 * back and appended again (a reopen keeps the approved content) then fails the store's plain-JSON check.
 * Re-creating the data in this realm works around it (reported to the event-store owner).
 */
function sameRealm(store: MemoryEventStore): EventStore {
  const local = (events: RecordedEvent[]) => events.map((e) => ({ ...e, data: JSON.parse(JSON.stringify(e.data)) as unknown }));
  return {
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    readStream: async (stream, options) => local(await store.readStream(stream, options)),
    readAll: async (options) => local(await store.readAll(options)),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
}

/** A memory store with the 2017-2022 catalogue imported, and the commands on it, at 10 July 2020. */
export async function planWorld(now = '2020-07-10T15:00:00.000Z') {
  const clock = fixedClock(now);
  const store = sameRealm(new MemoryEventStore({ clock }));
  const commands = new PlanCommands(store, clock);
  const imported = loadCatalogueFile(PLAN_2017_2022_FILE);
  await commands.importCatalogue(COORDINATOR, { catalogue: imported.catalogue, reason: imported.reason }, { commandId: 'import' });
  return { clock, store, commands };
}
