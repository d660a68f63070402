import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  EVIDENCE_URL_MAX_LENGTH,
  IMPLEMENTATION_STATUSES,
  MAX_EVIDENCE_LINKS,
  MAX_INDICATORS,
  NARRATIVE_MAX_LENGTH,
} from '../../domain';

export class NarrativeDto {
  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX_LENGTH)
  es?: string;

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX_LENGTH)
  en?: string;
}

export class IndicatorDto {
  @ApiProperty({ example: 'talleres realizados' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  indicator!: string;

  @ApiProperty({ example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiPropertyOptional({ example: 'talleres' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

/** Body of PUT /plan/reports/:country/:activityId/:period (the report content). */
export class SaveDraftBody {
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, example: 'in_progress' })
  @IsIn(IMPLEMENTATION_STATUSES)
  status!: (typeof IMPLEMENTATION_STATUSES)[number];

  @ApiProperty({ type: NarrativeDto, description: 'Al menos un idioma / at least one language' })
  @IsObject()
  @ValidateNested()
  @Type(() => NarrativeDto)
  narrative!: NarrativeDto;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_EVIDENCE_LINKS,
    example: ['https://example.org/acta.pdf'],
    description: 'Solo https / https only',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_LINKS)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_host: true }, { each: true })
  @MaxLength(EVIDENCE_URL_MAX_LENGTH, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({ type: [IndicatorDto], maxItems: MAX_INDICATORS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INDICATORS)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators?: IndicatorDto[];
}
