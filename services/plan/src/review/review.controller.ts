import { applyDecorators, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../plan.policy';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { ApiBilingual, ApiStandardErrors } from '../http/api-docs';
import {
  countryOrThrow,
  formatOrThrow,
  instantOrThrow,
  langOrThrow,
  REVIEW_FORMATS,
  rangeOrThrow,
} from './errors';
import { PlanReview, renderHistory, renderState, type Rendered } from './plan-review';

interface TextResponse {
  setHeader(name: string, value: string): unknown;
}

function send(res: TextResponse, rendered: Rendered): string {
  res.setHeader('Content-Type', rendered.contentType);
  return rendered.body;
}

const INSTANT_EXAMPLE = '2020-06-30T23:59:59Z';

/** `?format=` and `?lang=` of the rendered review documents, and the media types they produce. */
function ApiRendered(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'format',
      required: false,
      enum: [...REVIEW_FORMATS],
      description: 'ES: formato de la respuesta (por defecto json). EN: response format (default json).',
    }),
    ApiQuery({
      name: 'lang',
      required: false,
      enum: ['es', 'en'],
      description:
        'ES: idioma de los encabezados y etiquetas en csv y markdown (por defecto es). EN: language of the csv and markdown headings and labels (default es).',
    }),
    ApiProduces('application/json', 'text/csv', 'text/markdown'),
  );
}

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
  @ApiQuery({
    name: 'asOf',
    required: true,
    example: INSTANT_EXAMPLE,
    description: 'ES: instante ISO 8601 con zona horaria. EN: ISO 8601 instant with a time zone.',
  })
  @ApiRendered()
  @ApiStandardErrors(404)
  async state(
    @Param('country') countryParam: string,
    @Query('asOf') asOfParam: unknown,
    @Query('format') formatParam: unknown,
    @Query('lang') langParam: unknown,
    @Res({ passthrough: true }) res: TextResponse,
  ): Promise<string> {
    const country = countryOrThrow(countryParam);
    const asOf = instantOrThrow(asOfParam, 'asOf', true);
    const format = formatOrThrow(formatParam);
    const lang = langOrThrow(langParam);
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
  @ApiQuery({
    name: 'from',
    required: false,
    example: '2020-01-01T00:00:00Z',
    description:
      'ES: desde este instante ISO 8601 (con zona horaria), incluido. EN: from this ISO 8601 instant (with a time zone), inclusive.',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    example: INSTANT_EXAMPLE,
    description:
      'ES: hasta este instante ISO 8601 (con zona horaria), incluido. EN: up to this ISO 8601 instant (with a time zone), inclusive.',
  })
  @ApiRendered()
  @ApiStandardErrors(404)
  async history(
    @Param('country') countryParam: string,
    @Query('from') fromParam: unknown,
    @Query('to') toParam: unknown,
    @Query('format') formatParam: unknown,
    @Query('lang') langParam: unknown,
    @Res({ passthrough: true }) res: TextResponse,
  ): Promise<string> {
    const country = countryOrThrow(countryParam);
    const from = instantOrThrow(fromParam, 'from', false);
    const to = instantOrThrow(toParam, 'to', false);
    rangeOrThrow(from, to);
    const format = formatOrThrow(formatParam);
    const lang = langOrThrow(langParam);
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
  async verify(@Param('country') countryParam: string) {
    return this.review.verify(countryOrThrow(countryParam));
  }
}
