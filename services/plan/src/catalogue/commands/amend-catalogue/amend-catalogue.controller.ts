import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors, CommandMeta } from '@crm/service-kit';
import { ApiIfMatch } from '@crm/service-kit';
import type { CommandOptions } from '@crm/service-kit';
import { PlanQueryString } from '../../../shared/dto';
import type { CatalogueSummary } from '../../catalogue-view';
import type { Activity } from '../../domain';
import { AmendCatalogueCommand, type AmendmentInput } from './amend-catalogue.command';
import { AmendCatalogueBody } from './amend-catalogue.dto';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class AmendCatalogueController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('amendments')
  @HttpCode(200)
  @RequireOperation('plan.catalogue.amend')
  @ApiBilingual({
    es: 'Enmendar el catálogo del plan',
    en: "Amend the plan's catalogue",
    detail: {
      es: 'Añade, reformula o retira una actividad, o cambia su cronograma, en el catálogo del plan `?plan=` (por defecto el importado al arrancar). Cada enmienda crea una nueva versión del catálogo y exige un motivo. Rol: coordinación de la Secretaría Técnica.',
      en: 'Adds, rewords or retires an activity, or changes its schedule, in the catalogue of plan `?plan=` (default: the one imported at start). Every amendment creates a new catalogue version and needs a reason. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(409, 422)
  amend(
    @Body() body: AmendCatalogueBody,
    @Query() query: PlanQueryString,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CatalogueSummary> {
    return this.commandBus.execute(
      new AmendCatalogueCommand(
        principal,
        { ...toAmendment(body), ...(query.plan ? { planId: query.plan } : {}) },
        meta,
      ),
    );
  }
}

/** The body's fields for its `type` (the DTO has validated which are present). */
export function toAmendment(body: AmendCatalogueBody): AmendmentInput {
  const reason = body.reason;
  switch (body.type) {
    case 'add':
      return { type: 'add', activity: body.activity as unknown as Activity, reason };
    case 'reword':
      return {
        type: 'reword',
        activityId: body.activityId as string,
        text: { es: body.text!.es, en: body.text!.en },
        reason,
      };
    case 'retire':
      return { type: 'retire', activityId: body.activityId as string, reason };
    case 'changeSchedule':
      return {
        type: 'changeSchedule',
        activityId: body.activityId as string,
        year: body.year as number,
        value: body.value ?? null,
        reason,
      };
  }
}
