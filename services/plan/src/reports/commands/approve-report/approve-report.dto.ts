import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CommentsDto } from '../../../shared/dto';

export class ApproveReportBody {
  @ApiPropertyOptional({ type: CommentsDto, description: 'Comentarios opcionales / optional comments' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  comments?: CommentsDto;
}
