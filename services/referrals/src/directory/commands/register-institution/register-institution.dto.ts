import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { INSTITUTION_KINDS } from '../../../shared/vocabulary';
import { INSTITUTION_ID_PATTERN } from '../../domain';
import { FocalPointDto, InstitutionNameDto } from '../../dto';

/** Body of POST /referrals/institutions. */
export class RegisterInstitutionBody {
  @ApiProperty({ example: 'MX-PROTECCION', description: 'País-NOMBRE / country-NAME' })
  @Matches(INSTITUTION_ID_PATTERN)
  institutionId!: string;

  @ApiProperty({
    enum: MEMBER_COUNTRIES,
    example: 'MX',
    description: 'El prefijo del identificador / the id prefix',
  })
  @IsIn(MEMBER_COUNTRIES)
  country!: string;

  @ApiProperty({ enum: Object.keys(INSTITUTION_KINDS), example: 'child_protection' })
  @IsString()
  kind!: string;

  @ApiProperty({ type: InstitutionNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InstitutionNameDto)
  name!: InstitutionNameDto;

  @ApiProperty({ type: FocalPointDto, description: 'Recibe las referencias / receives referrals' })
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointDto)
  intake!: FocalPointDto;

  @ApiProperty({ type: FocalPointDto, description: 'Suplente / stands in' })
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointDto)
  backup!: FocalPointDto;

  @ApiProperty({
    example: '2020-06-01',
    description: 'AAAA-MM-DD, no futura / YYYY-MM-DD, not in the future',
  })
  @IsString()
  verifiedOn!: string;
}
