import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { INSTITUTION_KINDS } from '../../../shared/vocabulary';
import { FocalPointUpdateDto, InstitutionNameDto } from '../../dto';

/** Body of PATCH /referrals/institutions/:id: only the fields to change. */
export class UpdateInstitutionBody {
  @ApiPropertyOptional({ type: InstitutionNameDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => InstitutionNameDto)
  name?: InstitutionNameDto;

  @ApiPropertyOptional({ enum: Object.keys(INSTITUTION_KINDS) })
  @IsOptional()
  @IsString()
  kind?: string;

  @ApiPropertyOptional({ type: FocalPointUpdateDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointUpdateDto)
  intake?: FocalPointUpdateDto;

  @ApiPropertyOptional({ type: FocalPointUpdateDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointUpdateDto)
  backup?: FocalPointUpdateDto;
}
