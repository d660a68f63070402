import { Command } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { CommandOptions } from './command-options';

/**
 * The shape of every command on a service's CommandBus: who sends it, what it asks for, and the per-call options
 * (idempotency key, correlation, causation, the revision the caller decided on). Each use case declares its own
 * class, `class SaveDraftCommand extends ServiceCommand<SaveDraftInput, ReportView> {}`, handled by exactly one
 * `@CommandHandler`; `commandBus.execute(new SaveDraftCommand(principal, input, options))` resolves to the
 * handler's result.
 */
export abstract class ServiceCommand<Input, Result> extends Command<Result> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly options: CommandOptions = {},
  ) {
    super();
  }
}
