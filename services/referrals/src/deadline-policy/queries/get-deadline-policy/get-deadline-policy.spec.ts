import type { QueryBus } from '@nestjs/cqrs';
import { Role, type Principal } from '@crm/auth';
import { memoryWorld } from '../../../testing/memory-world';
import { ConfigureDeadlinesCommand } from '../../commands/configure-deadlines/configure-deadlines.command';
import { DeadlinePolicyModule } from '../../deadline-policy.module';
import { GetDeadlinePolicyController } from './get-deadline-policy.controller';
import { GetDeadlinePolicyQuery } from './get-deadline-policy.query';

const COORDINATOR: Principal = {
  subject: 'st-coordinator-01',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
};

describe('get-deadline-policy: GetDeadlinePolicyQuery on the QueryBus', () => {
  let world: Awaited<ReturnType<typeof memoryWorld>>;
  beforeEach(async () => {
    world = await memoryWorld([DeadlinePolicyModule]);
  });
  afterEach(() => world.close());

  it('the defaults until the Secretariat configures the pair, then its policy', async () => {
    expect(await world.queryBus.execute(new GetDeadlinePolicyQuery('MX', 'US'))).toEqual({
      from: 'MX',
      to: 'US',
      policy: { acknowledgeWithinHours: 48, decideWithinHours: 168, withdrawalAcknowledgeWithinHours: 48 },
      configured: false,
      configuredAt: null,
      configuredBy: null,
      revision: -1,
    });
    const policy = {
      acknowledgeWithinHours: 12,
      decideWithinHours: 96,
      withdrawalAcknowledgeWithinHours: 24,
    };
    await world.commandBus.execute(
      new ConfigureDeadlinesCommand(COORDINATOR, { from: 'MX', to: 'US', policy }),
    );
    expect(await world.queryBus.execute(new GetDeadlinePolicyQuery('MX', 'US'))).toMatchObject({
      policy,
      configured: true,
      revision: 0,
    });
  });

  it('refuses a pair that is not two different member countries (422)', async () => {
    await expect(world.queryBus.execute(new GetDeadlinePolicyQuery('HN', 'HN'))).rejects.toMatchObject({
      code: 'referral_deadline_policy.invalid_pair',
    });
    await expect(world.queryBus.execute(new GetDeadlinePolicyQuery('ST', 'HN'))).rejects.toMatchObject({
      code: 'referral_deadline_policy.invalid_pair',
    });
  });

  it('the controller dispatches the query of the path pair', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (q: unknown) => void sent.push(q) } as unknown as QueryBus;
    await new GetDeadlinePolicyController(bus).policy({ from: 'HN', to: 'GT' }, {});
    expect(sent).toEqual([new GetDeadlinePolicyQuery('HN', 'GT')]);
  });
});
