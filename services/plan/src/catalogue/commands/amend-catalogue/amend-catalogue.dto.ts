import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SCHEDULE_VALUES } from '../../domain';
import { ACTIVITY_ID_PATTERN } from '../../../reports/domain';
import { CommentsDto } from '../../../shared/dto';

export const AMENDMENT_TYPES = ['add', 'reword', 'retire', 'changeSchedule'] as const;

/** Both languages are required for the plan's own wording. */
export class WordingDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  es!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  en!: string;
}

/**
 * POST /plan/catalogue/amendments. `type` selects the fields:
 *   add            activity (a whole activity object, checked by the catalogue rules)
 *   reword         activityId, text { es, en }
 *   retire         activityId
 *   changeSchedule activityId, year, value (a schedule value or null)
 * Every amendment needs a reason.
 */
export class AmendCatalogueBody {
  @ApiProperty({ enum: AMENDMENT_TYPES })
  @IsIn(AMENDMENT_TYPES)
  type!: (typeof AMENDMENT_TYPES)[number];

  @ApiPropertyOptional({ example: 'I.1.1.1', description: 'reword | retire | changeSchedule' })
  @ValidateIf((o: AmendCatalogueBody) => o.type !== 'add')
  @Matches(ACTIVITY_ID_PATTERN)
  activityId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'add: la actividad completa / the whole activity',
  })
  @ValidateIf((o: AmendCatalogueBody) => o.type === 'add')
  @IsObject()
  activity?: Record<string, unknown>;

  @ApiPropertyOptional({ type: WordingDto, description: 'reword' })
  @ValidateIf((o: AmendCatalogueBody) => o.type === 'reword')
  @IsObject()
  @ValidateNested()
  @Type(() => WordingDto)
  text?: WordingDto;

  @ApiPropertyOptional({ example: 2020, description: 'changeSchedule' })
  @ValidateIf((o: AmendCatalogueBody) => o.type === 'changeSchedule')
  @IsInt()
  year?: number;

  @ApiPropertyOptional({
    enum: SCHEDULE_VALUES,
    nullable: true,
    description: 'changeSchedule (null = celda vacía / empty cell)',
  })
  @ValidateIf((o: AmendCatalogueBody) => o.type === 'changeSchedule')
  @IsIn([...SCHEDULE_VALUES, null])
  value?: (typeof SCHEDULE_VALUES)[number] | null;

  @ApiProperty({ type: CommentsDto, description: 'Motivo (obligatorio) / reason (required)' })
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  reason!: CommentsDto;
}
