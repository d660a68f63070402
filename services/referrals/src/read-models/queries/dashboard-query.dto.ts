import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';

/**
 * The query strings of the dashboard routes. Only these parameters are accepted (any other: 400
 * `request.validation`); their values are checked by the query handlers with the dashboards' own es/en errors
 * (`referrals.dashboard.invalid_country`, `referrals.dashboard.invalid_institution`,
 * `referrals.dashboard.invalid_period`), so each field here only has to be one string.
 */
const COUNTRY_DOC = {
  enum: [...MEMBER_COUNTRIES],
  description:
    'ES: limita la consulta a un país; un funcionario de un país solo puede indicar el suyo (ve las referencias que su país envió o que le conciernen); sin él, la Secretaría Técnica ve las de los 11 países. ' +
    'EN: narrows the query to one country; a country official may only name their own (they see the referrals their country sent or that concern it); without it, the Technical Secretariat sees those of all 11 countries.',
};

/** `GET /referrals/dashboards/{pipeline,timings}?country=`. */
export class DashboardQueryString {
  @ApiPropertyOptional(COUNTRY_DOC)
  @IsOptional()
  @IsString()
  country?: string;
}

/** `GET /referrals/dashboards/overdue?country=&institution=`. */
export class OverdueQueryString extends DashboardQueryString {
  @ApiPropertyOptional({
    example: 'GT-PGN',
    description:
      'ES: solo las referencias en que esta institución del directorio es la remitente o la receptora. EN: only the referrals in which this directory institution is the sender or the receiver.',
  })
  @IsOptional()
  @IsString()
  institution?: string;
}

/** `GET /referrals/dashboards/aggregates?period=`: `period` is required. */
export class AggregatesQueryString {
  @ApiProperty({
    example: '2020-S1',
    description:
      'ES: semestre terminado de envío de las referencias, AAAA-S1 (enero a junio) o AAAA-S2 (julio a diciembre), UTC. EN: ended semester in which the referrals were sent, YYYY-S1 (January to June) or YYYY-S2 (July to December), UTC.',
  })
  @IsOptional() // absent: 422 referrals.dashboard.invalid_period (es/en)
  @IsString()
  period?: string;
}
