import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { CONSENT_FORMS, CONSENT_GIVERS, ENTRY_ID_PATTERN } from '../../domain';
import { ConsentScopeDto } from '../../dto';

/** Body of POST /referrals/cases/:caseId/consents. */
export class RecordConsentBody {
  @ApiPropertyOptional({ example: 'consent-1' })
  @IsOptional()
  @Matches(ENTRY_ID_PATTERN)
  consentId?: string;

  @ApiProperty({ enum: Object.keys(CONSENT_GIVERS), example: 'child' })
  @IsString()
  givenBy!: string;

  @ApiProperty({ enum: Object.keys(CONSENT_FORMS), example: 'consent' })
  @IsString()
  form!: string;

  @ApiProperty({ type: ConsentScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentScopeDto)
  scope!: ConsentScopeDto;
}
