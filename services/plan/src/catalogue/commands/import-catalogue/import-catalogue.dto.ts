import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CommentsDto } from '../../../shared/dto';

export class ImportCatalogueBody {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Catálogo completo (catalogue.schema.json) / whole catalogue (catalogue.schema.json)',
  })
  @IsObject()
  catalogue!: Record<string, unknown>;

  @ApiPropertyOptional({ type: CommentsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CommentsDto)
  reason?: CommentsDto;
}
