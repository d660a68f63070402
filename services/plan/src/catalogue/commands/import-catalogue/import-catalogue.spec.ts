import type { CommandBus } from '@nestjs/cqrs';
import { ForbiddenError } from '@crm/auth';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../../../../catalogue/load';
import { capturingBus, COORDINATOR, HN_OFFICER, planWorld } from '../../../testing/plan-world';
import { ImportCatalogueCommand } from './import-catalogue.command';
import { ImportCatalogueController } from './import-catalogue.controller';

const file = loadCatalogueFile(PLAN_2017_2022_FILE);
const input = { catalogue: file.catalogue, reason: file.reason };

describe('import-catalogue: ImportCatalogueCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof planWorld>>;
  beforeEach(async () => {
    world = await planWorld(undefined, { catalogue: false });
  });
  afterEach(() => world.close());

  it('imports a plan once as version 1 of planCatalogue-<planId>', async () => {
    const summary = await world.commandBus.execute(new ImportCatalogueCommand(COORDINATOR, input));
    expect(summary).toMatchObject({
      planId: '2017-2022',
      version: 1,
      versionLabel: '2017-2022@1',
      activities: 96,
      revision: 0,
    });
    await expect(
      world.commandBus.execute(new ImportCatalogueCommand(COORDINATOR, input)),
    ).rejects.toMatchObject({
      code: 'catalogue.already_imported',
      kind: 'conflict',
    });
  });

  /** Holds the first two reads of the catalogue stream until both have happened: two importers race. */
  function race(): void {
    const read = world.store.readStream.bind(world.store);
    const held: Array<() => void> = [];
    world.store.readStream = async (stream, options) => {
      const events = await read(stream, options);
      if (stream === 'planCatalogue-2017-2022' && held.length < 2) {
        await new Promise<void>((resolve) => {
          held.push(resolve);
          if (held.length === 2) held.forEach((release) => release());
        });
      }
      return events;
    };
  }

  it('two instances importing the same file at start-up together (one command id): one event, both answer', async () => {
    race();
    const startup = () =>
      world.commandBus.execute(
        new ImportCatalogueCommand(COORDINATOR, input, { commandId: 'startup-import' }),
      );
    const [a, b] = await Promise.all([startup(), startup()]);
    expect(a).toEqual(b);
    expect(await world.store.readStream('planCatalogue-2017-2022')).toHaveLength(1);
  });

  it('two different imports racing: the loser is decided again and refused as already imported (409)', async () => {
    race();
    const outcomes = await Promise.allSettled([
      world.commandBus.execute(new ImportCatalogueCommand(COORDINATOR, input, { commandId: 'a' })),
      world.commandBus.execute(new ImportCatalogueCommand(COORDINATOR, input, { commandId: 'b' })),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(refused.reason).toMatchObject({ code: 'catalogue.already_imported', kind: 'conflict' });
    expect(await world.store.readStream('planCatalogue-2017-2022')).toHaveLength(1);
  });

  it('refuses an invalid catalogue (422) and a principal who may not amend the catalogue (403)', async () => {
    await expect(
      world.commandBus.execute(new ImportCatalogueCommand(COORDINATOR, { catalogue: { planId: 'x' } })),
    ).rejects.toMatchObject({ code: 'catalogue.invalid', kind: 'validation' });
    await expect(
      world.commandBus.execute(new ImportCatalogueCommand(HN_OFFICER, input)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.store.readAll()).toEqual([]);
  });
});

describe('ImportCatalogueController', () => {
  it('dispatches ImportCatalogueCommand with the catalogue and the reason when given', async () => {
    const { bus, sent } = capturingBus<CommandBus>();
    const controller = new ImportCatalogueController(bus);
    await controller.import({ catalogue: { planId: 'p' } }, COORDINATOR, {});
    await controller.import({ catalogue: { planId: 'p' }, reason: { es: 'r' } }, COORDINATOR, {});
    expect(sent).toEqual([
      new ImportCatalogueCommand(COORDINATOR, { catalogue: { planId: 'p' } }, {}),
      new ImportCatalogueCommand(COORDINATOR, { catalogue: { planId: 'p' }, reason: { es: 'r' } }, {}),
    ]);
  });
});
