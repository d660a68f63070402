import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class CatalogueQuery {
  @ApiPropertyOptional({ example: 1, description: 'Versión del catálogo (por defecto la actual) / catalogue version (default: current)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
