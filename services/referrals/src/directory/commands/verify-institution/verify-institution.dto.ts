import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** Body of POST /referrals/institutions/:id/verify. */
export class VerifyInstitutionBody {
  @ApiProperty({
    example: '2020-07-01',
    description: 'AAAA-MM-DD, no futura / YYYY-MM-DD, not in the future',
  })
  @IsString()
  verifiedOn!: string;
}
