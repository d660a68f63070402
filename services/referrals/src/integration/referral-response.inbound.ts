import type { Principal } from '@crm/auth';
import {
  isEventOf,
  type IntegrationEvent,
  type ReferralResponseOutcomeV1,
  type ReferralResponseRequestedV1,
  type ResponseAction,
} from '@crm/contracts';
import {
  businessReason,
  isBusinessRejection,
  nationalSystemPrincipal,
  type GatewayOutcome,
  type InboundContext,
} from '@crm/gateway';
import type { Clock } from '@crm/kernel';
import type { CommandOptions, ServiceCommand } from '@crm/service-kit';
import type { CommandBus } from '@nestjs/cqrs';
import { referralStreamName } from '../referrals/domain';
import type { ReferralView } from '../referrals/referral-view';

/** Builds the use case's command of one action from a (schema-valid) request. */
export type ResponseCommandFactory = (
  principal: Principal,
  request: ReferralResponseRequestedV1,
  options: CommandOptions,
) => ServiceCommand<unknown, ReferralView>;

/** The use-case command of every action a national system may send (`referral-response.commands.ts`). */
export type ResponseCommands = Readonly<Record<ResponseAction, ResponseCommandFactory>>;

export interface ReferralInboundDeps {
  commandBus: Pick<CommandBus, 'execute'>;
  clock: Clock;
  commands: ResponseCommands;
}

/**
 * The Kafka inbound adapter of the referral service: `referrals.referral.response-requested.v1` on
 * `crm.<C>.in.referrals` -> the use case's command on the CommandBus, as the national system of C (the topic
 * stands for its credential: `nationalSystemPrincipal`), with the request's CloudEvents id as the command's
 * idempotency key and causation (a replay records nothing new) and its `expectedRevision` as the revision the
 * command must find -> `referrals.referral.response-outcome.v1` on `crm.<C>.out.referrals`.
 *
 * Which country may do what is not decided here: the handlers apply the same rules as over HTTP, so the
 * national system of C may only act on a referral where C is the side the action belongs to (the policy
 * refuses a country that is no party; the decider's `sideOf` refuses the wrong side, e.g. the sender
 * accepting its own referral, 403 `referral.wrong_side`). Every business refusal (403, 404, 409, 412 stale
 * revision, 422) is an outcome `rejected` with the service's code and its es/en text: nothing was changed.
 * Anything else (a platform fault, a concurrency conflict without `expectedRevision`) is thrown: the bus
 * retries it, then dead-letters it. Malformed messages never reach this adapter: the gateway dead-letters them.
 */
export async function handleReferralResponse(
  deps: ReferralInboundDeps,
  event: IntegrationEvent,
  context: Pick<InboundContext, 'country'>,
): Promise<GatewayOutcome> {
  if (!isEventOf(event, 'referrals.referral.response-requested', 1))
    throw new Error(`referrals gateway: no handler for ${event.type}.v${event.version}`);
  const { country } = context;
  const request = event.data;
  const base = {
    country,
    requestId: event.id,
    externalReference: request.externalReference,
    referralId: request.referralId,
    action: request.action,
  };
  const key = referralStreamName(request.referralId); // schema-checked; ordered with the referral's events
  const options: CommandOptions = {
    commandId: event.id,
    correlationId: event.id,
    causationId: event.id,
    ...(request.expectedRevision !== undefined ? { expectedRevision: request.expectedRevision } : {}),
  };
  const command = deps.commands[request.action](nationalSystemPrincipal(country), request, options);
  const decidedAt = () => deps.clock().toISOString();
  try {
    const view = await deps.commandBus.execute(command);
    const data: ReferralResponseOutcomeV1 = {
      outcome: 'accepted',
      ...base,
      decidedAt: decidedAt(),
      status: view.status,
      fhirStatus: view.fhirStatus,
      revision: view.revision,
    };
    return { type: 'referrals.referral.response-outcome', version: 1, key, subject: key, data };
  } catch (error) {
    if (!isBusinessRejection(error)) throw error;
    const data: ReferralResponseOutcomeV1 = {
      outcome: 'rejected',
      ...base,
      decidedAt: decidedAt(),
      reason: businessReason(error),
    };
    return { type: 'referrals.referral.response-outcome', version: 1, key, subject: key, data };
  }
}
