import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CommentsDto } from '../../../shared/dto';

export class ScheduleWindowBody {
  @ApiProperty({
    example: '2020-07-01T00:00:00Z',
    description: 'Apertura (incluida) / opening instant (inclusive)',
  })
  @IsISO8601({ strict: true })
  opensAt!: string;

  @ApiProperty({
    example: '2020-08-15T00:00:00Z',
    description: 'Primer instante tardío (excluido) / first late instant (exclusive)',
  })
  @IsISO8601({ strict: true })
  closesAt!: string;

  @ApiPropertyOptional({
    type: CommentsDto,
    description:
      'Motivo (obligatorio para mover una ventana ya programada) / reason (required to move a scheduled window)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  reason?: CommentsDto;
}
