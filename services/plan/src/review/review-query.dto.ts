import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { REVIEW_FORMATS } from './errors';

/**
 * The query strings of the review routes. Only these parameters are accepted (any other: 400
 * `request.validation`); their values are checked by the routes with the review's own es/en errors
 * (`plan.review.instant_required`, `plan.review.invalid_instant`, `plan.review.invalid_format`, ...), so each
 * field here only has to be one string.
 */
const INSTANT_EXAMPLE = '2020-06-30T23:59:59Z';

/** `?format=` and `?lang=` of the rendered review documents. */
class RenderedQueryString {
  @ApiPropertyOptional({
    enum: [...REVIEW_FORMATS],
    description: 'ES: formato de la respuesta (por defecto json). EN: response format (default json).',
  })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({
    enum: ['es', 'en'],
    description:
      'ES: idioma de los encabezados y etiquetas en csv y markdown (por defecto es). EN: language of the csv and markdown headings and labels (default es).',
  })
  @IsOptional()
  @IsString()
  lang?: string;
}

/** `GET /plan/countries/:country/state?asOf=&format=&lang=` */
export class StateQueryString extends RenderedQueryString {
  @ApiProperty({
    example: INSTANT_EXAMPLE,
    description: 'ES: instante ISO 8601 con zona horaria. EN: ISO 8601 instant with a time zone.',
  })
  @IsOptional() // absent: the route answers 400 plan.review.instant_required (es/en)
  @IsString()
  asOf?: string;
}

/** `GET /plan/countries/:country/history?from=&to=&format=&lang=` */
export class HistoryQueryString extends RenderedQueryString {
  @ApiPropertyOptional({
    example: '2020-01-01T00:00:00Z',
    description:
      'ES: desde este instante ISO 8601 (con zona horaria), incluido. EN: from this ISO 8601 instant (with a time zone), inclusive.',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    example: INSTANT_EXAMPLE,
    description:
      'ES: hasta este instante ISO 8601 (con zona horaria), incluido. EN: up to this ISO 8601 instant (with a time zone), inclusive.',
  })
  @IsOptional()
  @IsString()
  to?: string;
}
