import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import { INSTITUTION_ID_PATTERN } from '../directory/domain';
import { REFERRAL_ID_PATTERN } from './domain';

/**
 * The DTOs every referral route shares: the path of a referral, of one of its transfers, and an institution
 * as the directory names it. Form only (400); the rules are the domain's and the handlers' (409, 422).
 */

/** Path `/referrals/referrals/:referralId`. */
export class ReferralParams {
  @ApiProperty({
    example: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    description:
      'UUID v4 en minúsculas, elegido por quien crea el borrador / lower-case UUID v4 chosen by the drafter',
  })
  @Matches(REFERRAL_ID_PATTERN)
  referralId!: string;
}

/** Path `/referrals/referrals/:referralId/transfers/:transferId/...`. */
export class TransferParams extends ReferralParams {
  @ApiProperty({ example: 'transfer-1' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)
  transferId!: string;
}

/** An institution of a member country: its country and its directory id (`HN-DINAF`). */
export class InstitutionRefDto {
  @ApiProperty({ enum: MEMBER_COUNTRIES, example: 'GT' })
  @IsIn(MEMBER_COUNTRIES)
  country!: CountryCode;

  @ApiProperty({ example: 'GT-SBS', description: 'Identificador del directorio / directory id' })
  @IsString()
  @Matches(INSTITUTION_ID_PATTERN)
  institutionId!: string;
}
