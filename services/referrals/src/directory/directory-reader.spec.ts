import { casesWorld, MX_SUPERVISOR, registerInstitution, type CasesWorld } from '../testing/cases-world';
import { DeactivateInstitutionCommand } from './commands/deactivate-institution/deactivate-institution.command';
import { directoryViewOf, listInstitutions } from './directory-reader';

describe('directoryViewOf(store, ids): the directory as another context decides on it', () => {
  let world: CasesWorld;
  beforeEach(async () => {
    world = await casesWorld();
    await registerInstitution(world);
    await registerInstitution(world, { institutionId: 'MX-CERRADA' });
    await world.commandBus.execute(
      new DeactivateInstitutionCommand(MX_SUPERVISOR, { institutionId: 'MX-CERRADA', reason: 'closed' }),
    );
  });
  afterEach(() => world.close());

  it('answers the status of each loaded id, none for the others', async () => {
    const one = await directoryViewOf(world.store, 'MX-PROTECCION');
    expect(one.statusOf('MX-PROTECCION')).toBe('active');
    expect(one.statusOf('MX-CERRADA')).toBe('none'); // not loaded
    const many = await directoryViewOf(world.store, ['MX-PROTECCION', 'MX-CERRADA', 'GT-NADIE']);
    expect(['MX-PROTECCION', 'MX-CERRADA', 'GT-NADIE'].map(many.statusOf)).toEqual([
      'active',
      'deactivated',
      'none',
    ]);
  });

  it('refuses a malformed id (422)', async () => {
    await expect(directoryViewOf(world.store, 'not an id')).rejects.toMatchObject({
      code: 'referral.institution.invalid_id',
    });
  });

  it('listInstitutions folds every entry of the category with its revision', async () => {
    const all = await listInstitutions(world.store);
    expect(all.map((l) => [l.streamName, l.revision, l.state.status])).toEqual([
      ['referralInstitution-MX-CERRADA', 1, 'deactivated'],
      ['referralInstitution-MX-PROTECCION', 0, 'active'],
    ]);
  });
});
