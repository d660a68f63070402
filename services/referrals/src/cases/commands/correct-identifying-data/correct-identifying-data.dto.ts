import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { CHILD_IDENTIFYING_FIELDS } from '../../domain';
import { ChildIdentifyingDto } from '../../dto';

/** Body of PATCH /referrals/cases/:caseId/identifying. */
export class CorrectIdentifyingDataBody {
  @ApiPropertyOptional({ type: ChildIdentifyingDto, description: 'Los campos a fijar / the fields to set' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChildIdentifyingDto)
  identifying?: ChildIdentifyingDto;

  @ApiPropertyOptional({
    type: [String],
    enum: CHILD_IDENTIFYING_FIELDS,
    description: 'Los campos a borrar / the fields to remove',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHILD_IDENTIFYING_FIELDS.length)
  @IsString({ each: true })
  remove?: string[];
}
