import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { ACTIVITY_ID_PATTERN } from '../../domain/reports';

/** YYYY-S1 / YYYY-S2 within the plan years 2017-2022. */
export const PERIOD_PATTERN = /^(201[7-9]|202[0-2])-S[12]$/;

/** Path of every report route: /plan/reports/:country/:activityId/:period */
export class ReportParams {
  @ApiProperty({ enum: MEMBER_COUNTRIES, example: 'HN', description: 'País miembro / member country' })
  @IsIn(MEMBER_COUNTRIES)
  country!: (typeof MEMBER_COUNTRIES)[number];

  @ApiProperty({ example: 'I.1.1.1', description: 'Actividad del catálogo / catalogue activity' })
  @Matches(ACTIVITY_ID_PATTERN)
  activityId!: string;

  @ApiProperty({ example: '2020-S1', description: 'Semestre AAAA-S1|S2 (2017-2022) / semester YYYY-S1|S2' })
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
