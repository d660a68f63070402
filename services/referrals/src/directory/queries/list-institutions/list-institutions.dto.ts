import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import { MaxAgeQueryString } from '../../dto';

/** `GET /referrals/institutions?country=&status=&maxAgeDays=` (any other parameter: 400). */
export class ListInstitutionsQueryString extends MaxAgeQueryString {
  @ApiPropertyOptional({
    enum: MEMBER_COUNTRIES,
    example: 'MX',
    description: 'País miembro / member country',
  })
  @IsOptional()
  @IsIn(MEMBER_COUNTRIES)
  country?: CountryCode;

  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';
}
