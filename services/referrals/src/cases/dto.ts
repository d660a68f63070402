import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DATA_CATEGORIES, FOLLOW_UP_SERVICES } from '../shared/vocabulary';
import type { ConsentScopeInput } from './commands/record-consent/record-consent.command';
import { CASE_ID_PATTERN, ENTRY_ID_PATTERN } from './domain';

/**
 * The cases' shared request shapes: the shape is checked here (400 `request.validation`, unknown fields
 * refused), the rules (indicators, codes, dates, consent scopes) by the decider (422, every problem listed).
 * Identifying data travels in clear over HTTPS only as far as the command handler, which encrypts it.
 */

/** Path of every route about one case: /referrals/cases/:caseId */
export class CaseParams {
  @ApiProperty({
    example: 'MX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f',
    description: 'País que registra + UUID v4 / registering country + UUID v4',
  })
  @Matches(CASE_ID_PATTERN)
  caseId!: string;
}

/** Path of the routes about one consent: /referrals/cases/:caseId/consents/:consentId */
export class ConsentParams extends CaseParams {
  @ApiProperty({ example: 'consent-1' })
  @Matches(ENTRY_ID_PATTERN)
  consentId!: string;
}

/** A family member or other contact who can be reached about the child. */
export class FamilyContactDto {
  @ApiProperty({ example: 'tía materna / maternal aunt', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  relationship!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+504 9999 0000' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{5,29}$/)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

/** The child's identifying data (every field optional), encrypted by the handler under the child's own key. */
export class ChildIdentifyingDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  givenNames?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  familyNames?: string;

  @ApiPropertyOptional({
    example: '2005-03-14',
    description: 'AAAA, AAAA-MM o AAAA-MM-DD / YYYY, YYYY-MM or YYYY-MM-DD',
  })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}(-\d{2})?)?$/)
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'URL data: o enlace / data: URL or link', maxLength: 1_500_000 })
  @IsOptional()
  @IsString()
  @MaxLength(1_500_000)
  photo?: string;

  @ApiPropertyOptional({ type: [FamilyContactDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FamilyContactDto)
  familyContacts?: FamilyContactDto[];

  @ApiPropertyOptional({
    maxLength: 10_000,
    description: 'Texto libre sobre la niña o el niño / free text about the child',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;
}

/** What a consent allows (canonical form and rules: the decider). */
export class ConsentScopeDto {
  @ApiProperty({ type: [String], enum: Object.keys(DATA_CATEGORIES), example: ['identity', 'indicators'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  categories!: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['GT'],
    description: 'Países destinatarios / recipient countries',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  countries?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['GT-SBS'],
    description: 'Instituciones destinatarias / recipient institutions',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  institutions?: string[];

  @ApiProperty({ type: [String], enum: Object.keys(FOLLOW_UP_SERVICES), example: ['family_reunification'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  purpose!: string[];

  @ApiProperty({ example: '2020-12-31' })
  @IsString()
  validUntil!: string;
}

/** The scope as the command takes it (absent recipient lists left out). */
export function scopeInput(scope: ConsentScopeDto): ConsentScopeInput {
  return {
    categories: scope.categories,
    ...(scope.countries !== undefined && { countries: scope.countries }),
    ...(scope.institutions !== undefined && { institutions: scope.institutions }),
    purpose: scope.purpose,
    validUntil: scope.validUntil,
  };
}

/** How the indicators are documented in OpenAPI: validated by the decider, listed in docs/referrals-indicators.md. */
export const INDICATORS_DOC =
  'Indicadores comunes de registro, no identificativos (docs/referrals-indicators.md); el dominio los valida y lista cada problema (422) / common, non-identifying registration indicators (docs/referrals-indicators.md); the domain validates them and lists every problem (422)';
