import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { RequireOperation } from '../../referrals.policy';
import type { AggregatesView } from '../views/aggregates';
import type { OverdueView } from '../views/overdue';
import type { PipelineView } from '../views/pipeline-counts';
import type { TimingsView } from '../views/timings';
import { AggregatesQueryString, DashboardQueryString, OverdueQueryString } from './dashboard-query.dto';
import {
  GetOverdueReferralsQuery,
  GetReferralAggregatesQuery,
  GetReferralPipelineQuery,
  GetReferralTimingsQuery,
} from './dashboard.queries';

const SIDES_AND_SECRETARIAT = {
  es: 'Funcionarios de casos de un país (su país: las referencias que envió o que le conciernen) y la Secretaría Técnica (todas; solo estados y plazos).',
  en: "A country's case officials (their country: the referrals it sent or that concern it) and the Technical Secretariat (all of them; statuses and deadlines only).",
};

/**
 * The referral dashboards, read from the pipeline read models through the QueryBus. The operational ones
 * (pipeline, timings, overdue) are authorised by their query handlers, because the sides and the Secretariat
 * hold different operations (`referrals.referral.read`, `referrals.referral.status`); the aggregates route by
 * the guard (`referrals.aggregates.read`) and again by its handler.
 */
@ApiTags('dashboards')
@Controller('referrals/dashboards')
export class DashboardsController {
  constructor(private readonly queryBus: QueryBus) {}

  @AuthenticatedOnly()
  @Get('pipeline')
  @ApiBilingual({
    es: 'Referencias por par de países y estado',
    en: 'Referrals per country pair and status',
    detail: {
      es: `Cuántas referencias hay en cada estado, por país remitente y país receptor actual, y en total. Sin datos del caso. ${SIDES_AND_SECRETARIAT.es}`,
      en: `How many referrals stand in each status, per sending country and current receiving country, and overall. No case data. ${SIDES_AND_SECRETARIAT.en}`,
    },
  })
  @ApiStandardErrors()
  pipeline(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DashboardQueryString,
  ): Promise<PipelineView> {
    return this.queryBus.execute(new GetReferralPipelineQuery(principal, query.country));
  }

  @AuthenticatedOnly()
  @Get('timings')
  @ApiBilingual({
    es: 'Tiempo hasta el acuse de recibo y hasta la aceptación',
    en: 'Time to acknowledgement and to acceptance',
    detail: {
      es: `Por par de países (el receptor al envío) y en total: cuántas referencias enviadas, y de las que tuvieron acuse o aceptación la mediana y el percentil 90 en horas desde el envío. ${SIDES_AND_SECRETARIAT.es}`,
      en: `Per country pair (the receiver at sending) and overall: how many referrals were sent and, of those acknowledged or accepted, the median and 90th percentile in hours since sending. ${SIDES_AND_SECRETARIAT.en}`,
    },
  })
  @ApiStandardErrors()
  timings(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DashboardQueryString,
  ): Promise<TimingsView> {
    return this.queryBus.execute(new GetReferralTimingsQuery(principal, query.country));
  }

  @AuthenticatedOnly()
  @Get('overdue')
  @ApiBilingual({
    es: 'Referencias vencidas por institución',
    en: 'Overdue referrals per institution',
    detail: {
      es: `Las referencias con un plazo abierto (acuse, decisión o acuse del retiro del consentimiento) ya vencido según el reloj del servicio, agrupadas por la institución receptora: identificador, estado, plazos, nivel de escalamiento, recordatorios. Sin datos del caso. ${SIDES_AND_SECRETARIAT.es}`,
      en: `The referrals with an open deadline (acknowledgement, decision or acknowledgement of a consent withdrawal) already past by the service's clock, grouped by receiving institution: id, status, deadlines, escalation level, reminders. No case data. ${SIDES_AND_SECRETARIAT.en}`,
    },
  })
  @ApiStandardErrors()
  overdue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OverdueQueryString,
  ): Promise<OverdueView> {
    return this.queryBus.execute(new GetOverdueReferralsQuery(principal, query.country, query.institution));
  }

  @RequireOperation('referrals.aggregates.read')
  @Get('aggregates')
  @ApiBilingual({
    es: 'Agregados de la Secretaría con supresión de celdas pequeñas',
    en: "The Secretariat's aggregates with small-cell suppression",
    detail: {
      es: 'Niñas, niños y adolescentes referidos en un semestre terminado, por país remitente × receptor, por estado, rango de edad, sexo y acompañamiento. Ninguna cifra de 1 a 9 se publica, ninguna celda oculta se puede deducir de las publicadas y cada celda oculta por ser pequeña admite un rango de al menos 10 valores; los ceros se publican. Las mismas tablas regionales para todos. Funcionarios de los países y la Secretaría Técnica.',
      en: 'Children referred in an ended semester, by sending × receiving country, by status, age band, sex and accompaniment. No count from 1 to 9 is published, no hidden cell can be derived from the published ones, and every cell hidden for being small can take a range of at least 10 counts; zeros are published. The same regional tables for everyone. Country officials and the Technical Secretariat.',
    },
  })
  @ApiStandardErrors(422)
  aggregates(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AggregatesQueryString,
  ): Promise<AggregatesView> {
    return this.queryBus.execute(new GetReferralAggregatesQuery(principal, query.period));
  }
}
