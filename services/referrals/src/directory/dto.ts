import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FOCAL_POINT_ID_PATTERN, INSTITUTION_ID_PATTERN } from './domain';

/**
 * The directory's shared request shapes. The shape is checked here (400 `request.validation`, unknown fields
 * refused); the rules (kinds, languages, dates, distinct focal points, ...) are the decider's (422). A focal
 * point's contact travels in clear over HTTPS only as far as the command handler, which encrypts it.
 */

/** Path of every route about one entry: /referrals/institutions/:id */
export class InstitutionParams {
  @ApiProperty({
    example: 'MX-PROTECCION',
    description: 'Identificador en el directorio (país-NOMBRE) / directory id (country-NAME)',
  })
  @Matches(INSTITUTION_ID_PATTERN)
  id!: string;
}

/** The institution's name in both languages of the network. */
export class InstitutionNameDto {
  @ApiProperty({
    example: 'Procuraduría Federal de Protección de Niñas, Niños y Adolescentes',
    maxLength: 300,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  es!: string;

  @ApiProperty({ example: 'Federal Child Protection Office', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  en!: string;
}

/** A focal point's contact: an adult's personal data, encrypted by the handler under the person's own key. */
export class FocalPointContactDto {
  @ApiProperty({ example: 'María Fernanda López', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'mlopez@example.org', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+52 55 5555 0100', description: 'E.164 o con espacios / E.164 or spaced' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{5,29}$/)
  phone?: string;
}

/** A focal point as registered: id, working languages and contact (name and an email or a phone). */
export class FocalPointDto {
  @ApiProperty({
    example: 'fp-mx-001',
    description: 'Identificador estable de la persona / stable id of the person',
  })
  @Matches(FOCAL_POINT_ID_PATTERN)
  focalPointId!: string;

  @ApiProperty({ type: [String], example: ['es', 'en'], description: 'ISO 639' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  languages!: string[];

  @ApiProperty({ type: FocalPointContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointContactDto)
  contact!: FocalPointContactDto;
}

/** On an update: without `contact`, the contact on file for the same person is kept. */
export class FocalPointUpdateDto {
  @ApiProperty({ example: 'fp-mx-001' })
  @Matches(FOCAL_POINT_ID_PATTERN)
  focalPointId!: string;

  @ApiProperty({ type: [String], example: ['es'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  languages!: string[];

  @ApiPropertyOptional({
    type: FocalPointContactDto,
    description:
      'Obligatorio para una persona nueva; si se omite se conserva el contacto registrado / required for a new person; omitted: the contact on file is kept',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointContactDto)
  contact?: FocalPointContactDto;
}

/** `?maxAgeDays=`: days after its last verification an entry counts as stale (default 180). */
export class MaxAgeQueryString {
  @ApiPropertyOptional({ example: 180, minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  maxAgeDays?: number;
}
