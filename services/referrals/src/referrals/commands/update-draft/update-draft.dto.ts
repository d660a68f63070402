import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  DATA_CATEGORIES,
  FOLLOW_UP_SERVICES,
  type DataCategory,
  type FollowUpService,
} from '../../../shared/vocabulary';
import { URGENCIES, type Urgency } from '../../domain';
import { InstitutionRefDto } from '../../referral-dto';

const SERVICES = Object.keys(FOLLOW_UP_SERVICES);
const CATEGORIES = Object.keys(DATA_CATEGORIES);

/** Body of PATCH /referrals/referrals/:referralId: the fields to change (at least one, 422 otherwise). */
export class UpdateDraftBody {
  @ApiPropertyOptional({ type: InstitutionRefDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InstitutionRefDto)
  to?: InstitutionRefDto;

  @ApiPropertyOptional({ enum: SERVICES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICES.length)
  @IsIn(SERVICES, { each: true })
  servicesRequested?: FollowUpService[];

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CATEGORIES.length)
  @IsIn(CATEGORIES, { each: true })
  categories?: DataCategory[];

  @ApiPropertyOptional({ enum: Object.keys(URGENCIES) })
  @IsOptional()
  @IsIn(Object.keys(URGENCIES))
  urgency?: Urgency;
}
