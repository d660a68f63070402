import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INSTITUTION_ID_PATTERN } from '../../../directory/domain';
import {
  BEST_INTERESTS_CONDUCTOR_ROLES,
  BEST_INTERESTS_KINDS,
  BEST_INTERESTS_OUTCOMES,
  ENTRY_ID_PATTERN,
} from '../../domain';

export class BestInterestsConductorDto {
  @ApiProperty({ example: 'MX-PROTECCION' })
  @Matches(INSTITUTION_ID_PATTERN)
  institutionId!: string;

  @ApiProperty({ enum: Object.keys(BEST_INTERESTS_CONDUCTOR_ROLES), example: 'social_worker' })
  @IsString()
  role!: string;
}

/** Body of POST /referrals/cases/:caseId/best-interests. */
export class RecordBestInterestsBody {
  @ApiPropertyOptional({ example: 'bia-1' })
  @IsOptional()
  @Matches(ENTRY_ID_PATTERN)
  recordId?: string;

  @ApiProperty({ enum: Object.keys(BEST_INTERESTS_KINDS), example: 'assessment' })
  @IsString()
  kind!: string;

  @ApiProperty({ type: BestInterestsConductorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BestInterestsConductorDto)
  conductedBy!: BestInterestsConductorDto;

  @ApiProperty({ example: '2020-07-05' })
  @IsString()
  conductedOn!: string;

  @ApiProperty({ enum: Object.keys(BEST_INTERESTS_OUTCOMES), example: 'further_assessment_needed' })
  @IsString()
  outcome!: string;

  @ApiProperty({
    maxLength: 20_000,
    description: 'Texto libre sobre la niña o el niño: se cifra / free text about the child: encrypted',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  recommendations!: string;
}
