import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ConsentScopeDto } from '../../dto';

/** Body of POST /referrals/cases/:caseId/consents/:consentId/narrow. */
export class NarrowConsentBody {
  @ApiProperty({
    type: ConsentScopeDto,
    description: 'El nuevo alcance, más estrecho / the new, narrower scope',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentScopeDto)
  scope!: ConsentScopeDto;
}
