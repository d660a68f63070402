import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import type { DeadlinePolicyView } from '../../deadline-policy-reader';
import { CONFIGURE_DEADLINES_OPERATION, ConfigureDeadlinesCommand } from './configure-deadlines.command';
import { ConfigureDeadlinesBody, CountryPairParams } from './configure-deadlines.dto';

@ApiTags('deadline-policies')
@Controller('referrals/deadline-policies')
export class ConfigureDeadlinesController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':from/:to')
  @HttpCode(200)
  @RequireOperation(CONFIGURE_DEADLINES_OPERATION)
  @ApiBilingual({
    es: 'Configurar los plazos de las referencias entre dos países',
    en: 'Configure the deadlines of referrals between two countries',
    detail: {
      es: 'Horas enteras de 1 a 720 para acusar recibo, decidir y acusar un retiro del consentimiento; decidir no puede vencer antes que acusar. Rige para las referencias enviadas desde ese momento; sin configuración rigen 48 h, 168 h y 48 h. Rol: coordinación de la Secretaría Técnica.',
      en: 'Whole hours from 1 to 720 to acknowledge, to decide and to acknowledge a consent withdrawal; deciding cannot be due before acknowledging. Applies to referrals sent from then on; unconfigured pairs get 48 h, 168 h and 48 h. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(422)
  configure(
    @Param() params: CountryPairParams,
    @Body() body: ConfigureDeadlinesBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<DeadlinePolicyView> {
    return this.commandBus.execute(
      new ConfigureDeadlinesCommand(
        principal,
        {
          from: params.from,
          to: params.to,
          policy: {
            acknowledgeWithinHours: body.acknowledgeWithinHours,
            decideWithinHours: body.decideWithinHours,
            withdrawalAcknowledgeWithinHours: body.withdrawalAcknowledgeWithinHours,
          },
        },
        meta,
      ),
    );
  }
}
