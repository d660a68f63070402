import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@crm/decider';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { enforceActor } from '../../../referrals.policy';
import { envelopeFor } from '../../../shared/envelope';
import { toDeadlinePolicyView, type DeadlinePolicyView } from '../../deadline-policy-reader';
import { deadlinePolicyDecider, deadlinePolicyStreamName, validCountryPair } from '../../domain';
import { CONFIGURE_DEADLINES_OPERATION, ConfigureDeadlinesCommand } from './configure-deadlines.command';

/**
 * ConfigureDeadlines on `referralDeadlinePolicy-<FROM>-<TO>`: the policy row first (403 + audit row for anyone
 * but the Secretariat coordinator), then the pair (422), then the domain (422 on hours, 403 on the actor), with
 * the caller's expected revision (412 when stale).
 */
@CommandHandler(ConfigureDeadlinesCommand)
export class ConfigureDeadlinesHandler implements ICommandHandler<ConfigureDeadlinesCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ConfigureDeadlinesCommand): Promise<DeadlinePolicyView> {
    const { deps } = this;
    const actor = await enforceActor(
      { ...deps, via: ConfigureDeadlinesCommand.name },
      principal,
      CONFIGURE_DEADLINES_OPERATION,
      {},
    );
    const pair = validCountryPair(input);
    const streamName = deadlinePolicyStreamName(pair);
    const result = await handleCommand({
      store: deps.store,
      decider: deadlinePolicyDecider,
      streamName,
      command: { type: 'ConfigureDeadlines', ...pair, policy: { ...input.policy } },
      context: {
        envelope: envelopeFor('configureDeadlines', streamName, actor, [pair.from, pair.to], options),
        clock: deps.clock,
      },
      expectedRevision: options.expectedRevision,
    });
    return toDeadlinePolicyView(pair, result.state, result.nextExpectedRevision);
  }
}
