/**
 * The inbound adapter's own translation, on a CommandBus that records what it is given: the principal, the
 * options, the command per action, accepted and rejected outcomes, what is retried. The use cases' rules on
 * real handlers (sides, statuses) are in `referral-response.world.spec.ts`.
 */
import type { Principal } from '@crm/auth';
import {
  decodeIntegrationEvent,
  encodeIntegrationEvent,
  RESPONSE_ACTIONS,
  type IntegrationEvent,
  type ReferralResponseOutcomeV1,
  type ReferralResponseRequestedV1,
} from '@crm/contracts';
import { StaleRevisionError } from '@crm/decider';
import { WrongExpectedRevisionError } from '@crm/event-store';
import { ConflictError, fixedClock, ForbiddenError, type CountryCode } from '@crm/kernel';
import { ServiceCommand, type CommandOptions } from '@crm/service-kit';
import type { ReferralView } from '../referrals/referral-view';
import { handleReferralResponse, type ResponseCommands } from './referral-response.inbound';

const REFERRAL_ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';

class RecordedCommand extends ServiceCommand<
  { action: string; request: ReferralResponseRequestedV1 },
  ReferralView
> {}

const COMMANDS = Object.fromEntries(
  RESPONSE_ACTIONS.map((action) => [
    action,
    (principal: Principal, request: ReferralResponseRequestedV1, options: CommandOptions) =>
      new RecordedCommand(principal, { action, request }, options),
  ]),
) as unknown as ResponseCommands;

function request(
  country: CountryCode,
  data: Partial<ReferralResponseRequestedV1> & Pick<ReferralResponseRequestedV1, 'action'>,
  id = 'req-1',
): IntegrationEvent {
  const encoded = encodeIntegrationEvent({
    type: 'referrals.referral.response-requested',
    version: 1,
    data: { country, referralId: REFERRAL_ID, externalReference: 'HN-SNI-1', ...data },
    country,
    id,
  });
  const decoded = decodeIntegrationEvent(encoded);
  if (!decoded.ok) throw new Error(decoded.message.en);
  return decoded.event;
}

const VIEW = { status: 'accepted', fhirStatus: 'accepted', revision: 3 } as ReferralView;

function bus(result: (c: RecordedCommand) => Promise<ReferralView>) {
  const executed: RecordedCommand[] = [];
  return {
    executed,
    execute: (async (c: RecordedCommand) => {
      executed.push(c);
      return result(c);
    }) as never,
  };
}

const clock = fixedClock('2020-07-02T10:00:00.000Z');
const outcome = (o: { data: unknown }) => o.data as ReferralResponseOutcomeV1;

describe('referral response Kafka inbound adapter: request -> use-case command -> outcome', () => {
  it('dispatches the action as the national system of the topic country, the request id as key and causation', async () => {
    const commandBus = bus(async () => VIEW);
    const result = await handleReferralResponse(
      { commandBus, clock, commands: COMMANDS },
      request('HN', { action: 'accept', expectedRevision: 2 }),
      { country: 'HN' },
    );
    const [command] = commandBus.executed;
    expect(command!.principal).toEqual({
      subject: 'national-system:HN',
      country: 'HN',
      institution: 'HN/national-system',
      roles: ['national_system'],
    });
    expect(command!.options).toEqual({
      commandId: 'req-1',
      correlationId: 'req-1',
      causationId: 'req-1',
      expectedRevision: 2,
    });
    expect(command!.input.action).toBe('accept');
    expect(result).toMatchObject({
      type: 'referrals.referral.response-outcome',
      version: 1,
      key: `referral-${REFERRAL_ID}`,
      subject: `referral-${REFERRAL_ID}`,
    });
    expect(outcome(result)).toEqual({
      outcome: 'accepted',
      country: 'HN',
      requestId: 'req-1',
      externalReference: 'HN-SNI-1',
      referralId: REFERRAL_ID,
      action: 'accept',
      decidedAt: '2020-07-02T10:00:00.000Z',
      status: 'accepted',
      fhirStatus: 'accepted',
      revision: 3,
    });
  });

  it.each([
    [{ action: 'acknowledge' as const }],
    [{ action: 'decline' as const, declineReason: 'no_capacity' as const }],
    [
      {
        action: 'update' as const,
        followUp: { followUpId: 'fu-1', services: ['health' as const], status: 'planned' as const },
      },
    ],
    [{ action: 'close' as const, outcome: 'reunified' as const }],
    [{ action: 'acknowledge_withdrawal' as const }],
  ])('maps %p to its own command, without an expected revision when none was sent', async (data) => {
    const commandBus = bus(async () => VIEW);
    await handleReferralResponse({ commandBus, clock, commands: COMMANDS }, request('GT', data), {
      country: 'GT',
    });
    expect(commandBus.executed[0]!.input).toEqual({
      action: data.action,
      request: expect.objectContaining(data),
    });
    expect(commandBus.executed[0]!.options).not.toHaveProperty('expectedRevision');
    expect(commandBus.executed[0]!.principal.country).toBe('GT');
  });

  it.each([
    [
      'wrong side (403)',
      new ForbiddenError('referral.wrong_side', { es: 'Lado equivocado.', en: 'Wrong side.' }),
    ],
    ['workflow (409)', new ConflictError('referral.invalid_transition', { es: 'No ahora.', en: 'Not now.' })],
    ['stale revision (412)', new StaleRevisionError(2, 4)],
  ])(
    'answers a business refusal, %s, with a rejected outcome (its code and es/en text)',
    async (_n, error) => {
      const commandBus = bus(async () => {
        throw error;
      });
      const result = outcome(
        await handleReferralResponse(
          { commandBus, clock, commands: COMMANDS },
          request('HN', { action: 'accept' }),
          {
            country: 'HN',
          },
        ),
      );
      expect(result).toMatchObject({
        outcome: 'rejected',
        country: 'HN',
        requestId: 'req-1',
        referralId: REFERRAL_ID,
        action: 'accept',
        reason: { code: error.code, message: { es: error.text.es, en: error.text.en } },
      });
    },
  );

  it('throws (the bus retries, then dead-letters) a platform fault or a concurrency conflict it did not ask for', async () => {
    for (const error of [
      new Error('database unreachable'),
      new WrongExpectedRevisionError(`referral-${REFERRAL_ID}`, 2, 3),
    ]) {
      const commandBus = bus(async () => {
        throw error;
      });
      await expect(
        handleReferralResponse(
          { commandBus, clock, commands: COMMANDS },
          request('HN', { action: 'accept' }),
          {
            country: 'HN',
          },
        ),
      ).rejects.toBe(error);
    }
  });

  it('refuses an event of another contract (a wiring error)', async () => {
    const other = {
      ...request('HN', { action: 'accept' }),
      type: 'plan.report.submission-requested',
    } as IntegrationEvent;
    await expect(
      handleReferralResponse({ commandBus: bus(async () => VIEW), clock, commands: COMMANDS }, other, {
        country: 'HN',
      }),
    ).rejects.toThrow(/no handler/);
  });
});
