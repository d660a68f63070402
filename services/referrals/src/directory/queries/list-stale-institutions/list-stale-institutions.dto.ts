import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import { MaxAgeQueryString } from '../../dto';

/** `GET /referrals/institutions/stale?country=&maxAgeDays=` (any other parameter: 400). */
export class StaleInstitutionsQueryString extends MaxAgeQueryString {
  @ApiPropertyOptional({ enum: MEMBER_COUNTRIES, example: 'HN' })
  @IsOptional()
  @IsIn(MEMBER_COUNTRIES)
  country?: CountryCode;
}
