import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
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
import { CaseParams } from '../../dto';
import { UpdateIndicatorsCommand } from './update-indicators.command';
import { UpdateIndicatorsBody } from './update-indicators.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class UpdateIndicatorsController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.update` on the case's country, audited). */
  @Put(':caseId/indicators')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Corregir los indicadores de registro',
    en: 'Correct the registration indicators',
    detail: {
      es: 'Reemplaza los indicadores por un conjunto completo corregido; se registran los que cambian. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Replaces the indicators with a corrected complete set; the ones that change are recorded. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  update(
    @Param() params: CaseParams,
    @Body() body: UpdateIndicatorsBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new UpdateIndicatorsCommand(principal, { caseId: params.caseId, indicators: body.indicators }, meta),
    );
  }
}
