import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import type { CaseView } from '../../case-view';
import { ConsentParams } from '../../dto';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentBody } from './withdraw-consent.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class WithdrawConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.consent` on the case's country, audited). */
  @Post(':caseId/consents/:consentId/withdraw')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Retirar un consentimiento',
    en: 'Withdraw a consent',
    detail: {
      es: 'Retira el consentimiento para siempre: deja de cubrir cualquier divulgación futura. Siempre permitido, también en un caso cerrado. Motivo opcional: un código. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Withdraws the consent for good: it no longer covers any future disclosure. Always allowed, also on a closed case. Optional reason: a code. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 422)
  withdraw(
    @Param() params: ConsentParams,
    @Body() body: WithdrawConsentBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new WithdrawConsentCommand(
        principal,
        {
          caseId: params.caseId,
          consentId: params.consentId,
          ...(body.reason !== undefined && { reason: body.reason }),
        },
        meta,
      ),
    );
  }
}
