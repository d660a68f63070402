import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches, ValidateNested } from 'class-validator';
import { CASE_ID_PATTERN } from '../../../cases/domain';
import {
  DATA_CATEGORIES,
  FOLLOW_UP_SERVICES,
  type DataCategory,
  type FollowUpService,
} from '../../../shared/vocabulary';
import { REFERRAL_ID_PATTERN, URGENCIES, type Urgency } from '../../domain';
import { InstitutionRefDto } from '../../referral-dto';

const SERVICES = Object.keys(FOLLOW_UP_SERVICES);
const CATEGORIES = Object.keys(DATA_CATEGORIES);

/** Body of PUT /referrals/referrals/:referralId: the draft (the id is the path's). */
export class DraftReferralBody {
  @ApiProperty({
    example: 'MX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f',
    description: 'Caso del país remitente / the sending country’s case',
  })
  @Matches(CASE_ID_PATTERN)
  caseId!: string;

  @ApiProperty({
    type: InstitutionRefDto,
    description: 'Institución remitente (la suya) / sending institution (yours)',
  })
  @ValidateNested()
  @Type(() => InstitutionRefDto)
  from!: InstitutionRefDto;

  @ApiProperty({
    type: InstitutionRefDto,
    description: 'Institución receptora, de otro país / receiving institution, of another country',
  })
  @ValidateNested()
  @Type(() => InstitutionRefDto)
  to!: InstitutionRefDto;

  @ApiProperty({ enum: SERVICES, isArray: true, example: ['psychosocial', 'family_tracing'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICES.length)
  @IsIn(SERVICES, { each: true })
  servicesRequested!: FollowUpService[];

  @ApiProperty({
    enum: CATEGORIES,
    isArray: true,
    example: ['identity', 'family', 'health'],
    description: 'Lo mínimo necesario / the minimum necessary',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CATEGORIES.length)
  @IsIn(CATEGORIES, { each: true })
  categories!: DataCategory[];

  @ApiProperty({ enum: Object.keys(URGENCIES), example: 'urgent' })
  @IsIn(Object.keys(URGENCIES))
  urgency!: Urgency;
}

/** Body of POST /referrals/referrals: the draft with the id the client chose. */
export class CreateDraftReferralBody extends DraftReferralBody {
  @ApiProperty({
    example: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    description: 'UUID v4 en minúsculas / lower-case UUID v4',
  })
  @Matches(REFERRAL_ID_PATTERN)
  referralId!: string;
}
