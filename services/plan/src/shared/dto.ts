import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { ACTIVITY_ID_PATTERN } from '../reports/domain';

/**
 * The form of a period, YYYY-S1 / YYYY-S2 (400 otherwise). Whether an imported plan has the period is the
 * domain's check (422 `plan.period.outside_plans`): the plans' years are data, not code.
 */
export const PERIOD_PATTERN = /^[1-9][0-9]{3}-S[12]$/;

/** A plan id, `<first year>-<last year>` as in its catalogue (`2023-2027`). */
export const PLAN_ID_PATTERN = /^[0-9]{4}-[0-9]{4}$/;

/** `?plan=<planId>`: the plan a catalogue route addresses (default: the plan imported at start). */
export class PlanQueryString {
  @ApiPropertyOptional({
    example: '2023-2027',
    description:
      'Plan (por defecto el importado al arrancar, 2017-2022) / plan (default: the one imported at start, 2017-2022)',
  })
  @IsOptional()
  @Matches(PLAN_ID_PATTERN)
  plan?: string;
}

/** Path of every report route: /plan/reports/:country/:activityId/:period */
export class ReportParams {
  @ApiProperty({ enum: MEMBER_COUNTRIES, example: 'HN', description: 'País miembro / member country' })
  @IsIn(MEMBER_COUNTRIES)
  country!: (typeof MEMBER_COUNTRIES)[number];

  @ApiProperty({ example: 'I.1.1.1', description: 'Actividad del catálogo / catalogue activity' })
  @Matches(ACTIVITY_ID_PATTERN)
  activityId!: string;

  @ApiProperty({
    example: '2020-S1',
    description: 'Semestre AAAA-S1|S2 de un plan importado / semester YYYY-S1|S2 of an imported plan',
  })
  @Matches(PERIOD_PATTERN)
  period!: string;
}

/** Free text in Spanish and/or English (comments, reasons): at least one language (checked by the domain, 422). */
export class CommentsDto {
  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  es?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  en?: string;
}

/** Path of the window routes: /plan/windows/:period */
export class WindowParams {
  @ApiProperty({ example: '2020-S1' })
  @Matches(PERIOD_PATTERN)
  period!: string;
}
