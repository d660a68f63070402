import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { CommentsDto } from '../../../shared/dto';

export class ReturnReportBody {
  @ApiProperty({
    type: CommentsDto,
    description: 'Observaciones para el país (obligatorias) / comments for the country (required)',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  comments!: CommentsDto;
}
