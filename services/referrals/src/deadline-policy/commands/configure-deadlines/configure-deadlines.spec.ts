import type { CommandBus } from '@nestjs/cqrs';
import { Role, type Principal } from '@crm/auth';
import { memoryWorld } from '../../../testing/memory-world';
import { DeadlinePolicyModule } from '../../deadline-policy.module';
import { effectiveDeadlinePolicy } from '../../deadline-policy-reader';
import { ConfigureDeadlinesCommand } from './configure-deadlines.command';
import { ConfigureDeadlinesController } from './configure-deadlines.controller';

const COORDINATOR: Principal = {
  subject: 'st-coordinator-01',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
};
const ANALYST: Principal = { ...COORDINATOR, subject: 'st-analyst-01', roles: [Role.SecretariatAnalyst] };
const POLICY = { acknowledgeWithinHours: 24, decideWithinHours: 72, withdrawalAcknowledgeWithinHours: 12 };

describe('configure-deadlines: ConfigureDeadlinesCommand on the CommandBus', () => {
  let world: Awaited<ReturnType<typeof memoryWorld>>;
  beforeEach(async () => {
    world = await memoryWorld([DeadlinePolicyModule], '2020-06-01T00:00:00.000Z');
  });
  afterEach(() => world.close());

  const configure = (
    policy: object = POLICY,
    options = {},
    principal = COORDINATOR,
    pair = { from: 'HN', to: 'GT' },
  ) =>
    world.commandBus.execute(
      new ConfigureDeadlinesCommand(principal, { ...pair, policy: policy as never }, options),
    );

  it('the Secretariat coordinator configures a pair; the send use case then reads it, the reverse pair keeps the defaults', async () => {
    expect(await configure()).toEqual({
      from: 'HN',
      to: 'GT',
      policy: POLICY,
      configured: true,
      configuredAt: '2020-06-01T00:00:00.000Z',
      configuredBy: 'st-coordinator-01',
      revision: 0,
    });
    expect(await effectiveDeadlinePolicy(world.store, 'HN', 'GT')).toEqual(POLICY);
    expect(await effectiveDeadlinePolicy(world.store, 'GT', 'HN')).toEqual({
      acknowledgeWithinHours: 48,
      decideWithinHours: 168,
      withdrawalAcknowledgeWithinHours: 48,
    });
    const [event] = await world.store.readStream('referralDeadlinePolicy-HN-GT');
    expect(event).toMatchObject({
      type: 'DeadlinesConfigured',
      metadata: { countries: ['HN', 'GT'], actor: { role: 'secretariat_coordinator', country: 'ST' } },
    });
  });

  it('the same policy again records nothing; a change with a stale If-Match is refused (412)', async () => {
    await configure();
    expect((await configure({ ...POLICY })).revision).toBe(0);
    await expect(
      configure({ ...POLICY, decideWithinHours: 96 }, { expectedRevision: -1 }),
    ).rejects.toMatchObject({
      code: 'command.stale_revision',
    });
    expect((await configure({ ...POLICY, decideWithinHours: 96 }, { expectedRevision: 0 })).revision).toBe(1);
  });

  it("refuses the domain's hours (422) and anyone but the coordinator (403, audited); nothing is stored", async () => {
    await expect(configure({ ...POLICY, acknowledgeWithinHours: 721 })).rejects.toMatchObject({
      code: 'referral_deadline_policy.invalid_hours',
      details: { field: 'acknowledgeWithinHours' },
    });
    await expect(configure({ ...POLICY, decideWithinHours: 12 })).rejects.toMatchObject({
      code: 'referral_deadline_policy.decide_before_acknowledge',
    });
    await expect(configure(POLICY, {}, COORDINATOR, { from: 'HN', to: 'HN' })).rejects.toMatchObject({
      code: 'referral_deadline_policy.invalid_pair',
    });
    await expect(configure(POLICY, {}, ANALYST)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(world.audit.entries.map((e) => [e.operation, e.resource.path])).toEqual([
      ['referrals.deadlines.configure', 'ConfigureDeadlinesCommand'],
    ]);
    expect(await world.store.readStream('referralDeadlinePolicy-HN-GT')).toEqual([]);
  });
});

describe('ConfigureDeadlinesController', () => {
  it('dispatches the pair of the path and the three deadlines of the body with the request options', async () => {
    const sent: unknown[] = [];
    const bus = { execute: async (c: unknown) => void sent.push(c) } as unknown as CommandBus;
    await new ConfigureDeadlinesController(bus).configure({ from: 'HN', to: 'GT' }, POLICY, COORDINATOR, {
      expectedRevision: 0,
      commandId: 'k1',
    });
    expect(sent).toEqual([
      new ConfigureDeadlinesCommand(
        COORDINATOR,
        { from: 'HN', to: 'GT', policy: POLICY },
        { expectedRevision: 0, commandId: 'k1' },
      ),
    ]);
  });
});
