import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { RequireOperation } from '@crm/auth';
import { countryOrThrow, formatOrThrow, instantOrThrow, langOrThrow, rangeOrThrow } from './errors';
import { PlanReview, renderHistory, renderState, type Rendered } from './plan-review';

interface TextResponse {
  setHeader(name: string, value: string): unknown;
}

function send(res: TextResponse, rendered: Rendered): string {
  res.setHeader('Content-Type', rendered.contentType);
  return rendered.body;
}

/**
 * As-of state, accountability history and hash-chain verification of one country, replayed from the event
 * store. Unknown countries are answered 404 by CountryParamMiddleware before the guards run.
 */
@Controller('plan/countries/:country')
export class ReviewController {
  constructor(@Inject(PlanReview) private readonly review: PlanReview) {}

  @RequireOperation('plan.review.asOf', { country: 'params.country' })
  @Get('state')
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
  async verify(@Param('country') countryParam: string) {
    return this.review.verify(countryOrThrow(countryParam));
  }
}
