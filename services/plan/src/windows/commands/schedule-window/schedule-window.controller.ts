import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors, CommandMeta } from '@crm/service-kit';
import { ApiIfMatch } from '@crm/service-kit';
import type { CommandOptions } from '@crm/service-kit';
import { WindowParams } from '../../../shared/dto';
import type { WindowView } from '../../window-reader';
import { SCHEDULE_WINDOW_OPERATION, ScheduleWindowCommand } from './schedule-window.command';
import { ScheduleWindowBody } from './schedule-window.dto';

@ApiTags('windows')
@Controller('plan/windows')
export class ScheduleWindowController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':period')
  @HttpCode(200)
  @RequireOperation(SCHEDULE_WINDOW_OPERATION)
  @ApiBilingual({
    es: 'Programar o mover la ventana de informe de un semestre',
    en: "Schedule or move a semester's reporting window",
    detail: {
      es: 'Sin ventana programada rige la regla por defecto (el mes siguiente al semestre). La primera vez programa la ventana; después la mueve y exige un motivo. Rol: coordinación de la Secretaría Técnica.',
      en: 'Without a scheduled window the default rule applies (the month after the semester). The first call schedules the window; later calls move it and need a reason. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(409, 422)
  schedule(
    @Param() params: WindowParams,
    @Body() body: ScheduleWindowBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<WindowView> {
    return this.commandBus.execute(
      new ScheduleWindowCommand(
        principal,
        {
          period: params.period,
          opensAt: body.opensAt,
          closesAt: body.closesAt,
          ...(body.reason ? { reason: body.reason } : {}),
        },
        meta,
      ),
    );
  }
}
