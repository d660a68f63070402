import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../plan.policy';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { countryOrThrow, formatOrThrow, instantOrThrow, langOrThrow, rangeOrThrow } from './errors';
import { PlanReview, renderHistory, renderState, type Rendered } from './plan-review';
import { HistoryQueryString, StateQueryString } from './review-query.dto';

interface TextResponse {
  setHeader(name: string, value: string): unknown;
}

function send(res: TextResponse, rendered: Rendered): string {
  res.setHeader('Content-Type', rendered.contentType);
  return rendered.body;
}

/** The media types of the rendered review documents (`?format=json|csv|markdown`). */
const ApiRendered = () => ApiProduces('application/json', 'text/csv', 'text/markdown');

/**
 * As-of state, accountability history and hash-chain verification of one country, replayed from the event
 * store. Unknown countries are answered 404 by CountryParamMiddleware before the guards run.
 */
@ApiTags('review')
@ApiParam({
  name: 'country',
  enum: [...MEMBER_COUNTRIES],
  description: 'ES: país miembro (otro valor: 404). EN: member country (any other value: 404).',
})
@Controller('plan/countries/:country')
export class ReviewController {
  constructor(@Inject(PlanReview) private readonly review: PlanReview) {}

  @RequireOperation('plan.review.asOf', { country: 'params.country' })
  @Get('state')
  @ApiBilingual({
    es: 'Estado de un país en un instante pasado',
    en: "A country's state as of a past instant",
    detail: {
      es: 'Los informes del país tal como estaban en `asOf`, recalculados a partir de los eventos registrados hasta ese instante (no de la proyección actual). Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: "The country's reports as they stood at `asOf`, replayed from the events recorded up to that instant (not from today's projection). Officials of that country and the Technical Secretariat (coordinator and analyst).",
    },
  })
  @ApiRendered()
  @ApiStandardErrors(404)
  async state(
    @Param('country') countryParam: string,
    @Query() query: StateQueryString,
    @Res({ passthrough: true }) res: TextResponse,
  ): Promise<string> {
    const country = countryOrThrow(countryParam);
    const asOf = instantOrThrow(query.asOf, 'asOf', true);
    const format = formatOrThrow(query.format);
    const lang = langOrThrow(query.lang);
    return send(res, renderState(await this.review.stateAsOf(country, asOf), format, lang));
  }

  @RequireOperation('plan.history.read', { country: 'params.country' })
  @Get('history')
  @ApiBilingual({
    es: 'Historial de rendición de cuentas de un país',
    en: "A country's accountability history",
    detail: {
      es: 'Cada evento de los informes del país (quién, con qué rol, cuándo, qué cambió), opcionalmente entre `from` y `to`. Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: "Every event of the country's reports (who, in which role, when, what changed), optionally between `from` and `to`. Officials of that country and the Technical Secretariat (coordinator and analyst).",
    },
  })
  @ApiRendered()
  @ApiStandardErrors(404)
  async history(
    @Param('country') countryParam: string,
    @Query() query: HistoryQueryString,
    @Res({ passthrough: true }) res: TextResponse,
  ): Promise<string> {
    const country = countryOrThrow(countryParam);
    const from = instantOrThrow(query.from, 'from', false);
    const to = instantOrThrow(query.to, 'to', false);
    rangeOrThrow(from, to);
    const format = formatOrThrow(query.format);
    const lang = langOrThrow(query.lang);
    return send(res, renderHistory(await this.review.history(country, { from, to }), format, lang));
  }

  @RequireOperation('plan.history.read', { country: 'params.country' })
  @Get('verify')
  @ApiBilingual({
    es: 'Verificar la cadena de hashes de un país',
    en: "Verify a country's hash chains",
    detail: {
      es: 'Comprueba la cadena de hashes de cada flujo de informes del país y de todo otro flujo con eventos que le conciernen (detecta eventos alterados o eliminados). Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: 'Checks the hash chain of every report stream of the country and of every other stream with events concerning it (detects altered or removed events). Officials of that country and the Technical Secretariat (coordinator and analyst).',
    },
  })
  @ApiStandardErrors(404)
  async verify(@Param('country') countryParam: string, @Query() _query: NoQueryString) {
    return this.review.verify(countryOrThrow(countryParam));
  }
}
