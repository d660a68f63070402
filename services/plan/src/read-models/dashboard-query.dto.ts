import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';

/**
 * The query strings of the dashboard routes. Only these parameters are accepted (any other: 400
 * `request.validation`); their values are checked by the routes with the dashboard's own es/en errors
 * (`plan.dashboard.invalid_period`, `plan.dashboard.invalid_plan`), so each field here only has to be one string.
 */
const PLAN_DOC = {
  example: '2023-2027',
  description:
    'ES: plan (AAAA-AAAA); con un semestre, el plan es el de ese semestre y "plan" solo lo comprueba (422 si no coincide); sin semestre, por defecto el plan importado al arrancar. ' +
    'EN: plan (YYYY-YYYY); with a semester, the plan is that semester\'s and "plan" only checks it (422 when it differs); without a semester, default: the plan imported at start.',
};
const COUNTRY_DOC = {
  enum: [...MEMBER_COUNTRIES],
  description:
    'ES: limita la consulta a un país; obligatorio para los funcionarios de un país (el suyo); sin él, la Secretaría Técnica ve los 11 países. ' +
    "EN: narrows the query to one country; required for a country's officials (their own); without it, the Technical Secretariat sees all 11 countries.",
};

/** `?country=&plan=`, common to every dashboard route. */
class DashboardScope {
  @ApiPropertyOptional(COUNTRY_DOC)
  @IsOptional()
  @IsString()
  country?: string;

  @ApiPropertyOptional(PLAN_DOC)
  @IsOptional()
  @IsString()
  plan?: string;
}

/** `GET /plan/dashboard/activities/:activityId?period=&country=&plan=`: every semester unless `period`. */
export class DashboardQueryString extends DashboardScope {
  @ApiPropertyOptional({
    example: '2020-S1',
    description:
      'ES: semestre del plan, AAAA-S1 o AAAA-S2; sin él, todos los semestres. EN: semester of the plan, YYYY-S1 or YYYY-S2; without it, every semester.',
  })
  @IsOptional()
  @IsString()
  period?: string;
}

/** `GET /plan/dashboard/{matrix,timeliness}?period=&country=&plan=`: `period` is required. */
export class SemesterDashboardQueryString extends DashboardScope {
  @ApiProperty({
    example: '2020-S1',
    description: 'ES: semestre del plan, AAAA-S1 o AAAA-S2. EN: semester of the plan, YYYY-S1 or YYYY-S2.',
  })
  @IsOptional() // absent: the route answers 400 plan.dashboard.invalid_period (es/en)
  @IsString()
  period?: string;
}
