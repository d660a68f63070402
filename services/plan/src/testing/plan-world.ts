import { Role, type Principal } from '@crm/auth';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../../catalogue/load';
import { PlanCommands } from '../application/plan-commands.service';

export const HN_OFFICER: Principal = {
  subject: 'hn-reporting-officer-01',
  country: 'HN',
  institution: 'HN/SRECI',
  roles: [Role.ReportingOfficer],
};
export const COORDINATOR: Principal = {
  subject: 'st-coordinator-01',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
};

/** A memory store with the 2017-2022 catalogue imported, and the commands on it, at 10 July 2020. */
export async function planWorld(now = '2020-07-10T15:00:00.000Z') {
  const clock = fixedClock(now);
  const store = new MemoryEventStore({ clock });
  const commands = new PlanCommands(store, clock);
  const imported = loadCatalogueFile(PLAN_2017_2022_FILE);
  await commands.importCatalogue(
    COORDINATOR,
    { catalogue: imported.catalogue, reason: imported.reason },
    { commandId: 'import' },
  );
  return { clock, store, commands };
}
