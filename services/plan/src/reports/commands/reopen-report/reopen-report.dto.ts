import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { CommentsDto } from '../../../shared/dto';

export class ReopenReportBody {
  @ApiProperty({
    type: CommentsDto,
    description: 'Motivo de la reapertura (obligatorio) / reason for reopening (required)',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  reason!: CommentsDto;
}
