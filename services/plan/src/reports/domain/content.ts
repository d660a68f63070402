import { ValidationError } from '@crm/kernel';
import { IMPLEMENTATION_STATUSES, isImplementationStatus, type ImplementationStatus } from './status';
import { normalizeText, sameText, type MultilingualText } from './text';

export interface IndicatorValue {
  /** The indicator's name or code as the catalogue states it. */
  indicator: string;
  value: number;
  unit?: string;
}

/** What a country reports about one activity in one period. */
export interface ReportContent {
  status: ImplementationStatus;
  /** At least one language. */
  narrative: MultilingualText;
  /** https links only, at most MAX_EVIDENCE_LINKS, no duplicates. */
  evidence: string[];
  indicators: IndicatorValue[];
}

export const NARRATIVE_MAX_LENGTH = 10_000;
export const MAX_EVIDENCE_LINKS = 20;
export const EVIDENCE_URL_MAX_LENGTH = 2048;
export const MAX_INDICATORS = 50;
export const INDICATOR_NAME_MAX_LENGTH = 200;
export const UNIT_MAX_LENGTH = 50;

function invalid(code: string, es: string, en: string, details: Record<string, unknown> = {}): never {
  throw new ValidationError(code, { es, en }, details);
}

function validateEvidence(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    invalid(
      'plan.report.invalid_evidence',
      'Los enlaces de evidencia deben ser una lista.',
      'Evidence links must be a list.',
    );
  if (value.length > MAX_EVIDENCE_LINKS) {
    invalid(
      'plan.report.too_many_evidence_links',
      `Se admiten como máximo ${MAX_EVIDENCE_LINKS} enlaces de evidencia (se recibieron ${value.length}).`,
      `At most ${MAX_EVIDENCE_LINKS} evidence links are allowed (got ${value.length}).`,
      { max: MAX_EVIDENCE_LINKS, count: value.length },
    );
  }
  const links: string[] = [];
  value.forEach((raw, index) => {
    const link = typeof raw === 'string' ? raw.trim() : '';
    let url: URL | null = null;
    try {
      url = link.length > 0 && link.length <= EVIDENCE_URL_MAX_LENGTH ? new URL(link) : null;
    } catch {
      url = null;
    }
    if (
      !url ||
      url.protocol !== 'https:' ||
      url.hostname === '' ||
      url.username !== '' ||
      url.password !== ''
    ) {
      invalid(
        'plan.report.invalid_evidence_link',
        `El enlace de evidencia n.º ${index + 1} no es válido: solo se admiten direcciones https:// sin credenciales, de hasta ${EVIDENCE_URL_MAX_LENGTH} caracteres.`,
        `Evidence link #${index + 1} is not valid: only https:// addresses without credentials, up to ${EVIDENCE_URL_MAX_LENGTH} characters, are allowed.`,
        { index },
      );
    }
    if (links.includes(link)) {
      invalid(
        'plan.report.duplicate_evidence_link',
        `El enlace de evidencia n.º ${index + 1} está repetido.`,
        `Evidence link #${index + 1} is a duplicate.`,
        { index },
      );
    }
    links.push(link);
  });
  return links;
}

function validateIndicators(value: unknown): IndicatorValue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    invalid(
      'plan.report.invalid_indicators',
      'Los valores de indicadores deben ser una lista.',
      'Indicator values must be a list.',
    );
  if (value.length > MAX_INDICATORS) {
    invalid(
      'plan.report.too_many_indicators',
      `Se admiten como máximo ${MAX_INDICATORS} valores de indicadores.`,
      `At most ${MAX_INDICATORS} indicator values are allowed.`,
      { max: MAX_INDICATORS, count: value.length },
    );
  }
  const out: IndicatorValue[] = [];
  value.forEach((raw: unknown, index) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const indicator = typeof item.indicator === 'string' ? item.indicator.trim() : '';
    const unit = typeof item.unit === 'string' ? item.unit.trim() : item.unit;
    const badUnit = unit !== undefined && (typeof unit !== 'string' || unit.length > UNIT_MAX_LENGTH);
    if (
      indicator === '' ||
      indicator.length > INDICATOR_NAME_MAX_LENGTH ||
      typeof item.value !== 'number' ||
      !Number.isFinite(item.value) ||
      badUnit
    ) {
      invalid(
        'plan.report.invalid_indicator_value',
        `El valor de indicador n.º ${index + 1} no es válido: requiere "indicator" (texto de hasta ${INDICATOR_NAME_MAX_LENGTH} caracteres), "value" (número finito) y opcionalmente "unit" (hasta ${UNIT_MAX_LENGTH} caracteres).`,
        `Indicator value #${index + 1} is not valid: it needs "indicator" (text up to ${INDICATOR_NAME_MAX_LENGTH} characters), "value" (a finite number) and optionally "unit" (up to ${UNIT_MAX_LENGTH} characters).`,
        { index },
      );
    }
    if (out.some((o) => o.indicator === indicator)) {
      invalid(
        'plan.report.duplicate_indicator',
        `El indicador "${indicator}" aparece más de una vez.`,
        `Indicator "${indicator}" appears more than once.`,
        { indicator },
      );
    }
    out.push(
      unit === undefined || unit === ''
        ? { indicator, value: item.value as number }
        : { indicator, value: item.value as number, unit: unit as string },
    );
  });
  return out;
}

/** Validates and normalises report content; throws `ValidationError` (422, es/en) on the first problem. */
export function validateContent(input: unknown): ReportContent {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (!isImplementationStatus(raw.status)) {
    invalid(
      'plan.report.invalid_status',
      `Estado de implementación inválido: "${String(raw.status)}". Valores admitidos: ${IMPLEMENTATION_STATUSES.join(', ')}.`,
      `Invalid implementation status: "${String(raw.status)}". Allowed values: ${IMPLEMENTATION_STATUSES.join(', ')}.`,
      { status: String(raw.status) },
    );
  }
  const narrative = normalizeText(raw.narrative, NARRATIVE_MAX_LENGTH);
  if (!narrative) {
    invalid(
      'plan.report.narrative_required',
      `La narrativa es obligatoria: escríbala en español o inglés (hasta ${NARRATIVE_MAX_LENGTH} caracteres por idioma).`,
      `The narrative is required: write it in Spanish or English (up to ${NARRATIVE_MAX_LENGTH} characters per language).`,
    );
  }
  return {
    status: raw.status,
    narrative,
    evidence: validateEvidence(raw.evidence),
    indicators: validateIndicators(raw.indicators),
  };
}

export function sameContent(a: ReportContent, b: ReportContent): boolean {
  return (
    a.status === b.status &&
    sameText(a.narrative, b.narrative) &&
    a.evidence.length === b.evidence.length &&
    a.evidence.every((link, i) => link === b.evidence[i]) &&
    a.indicators.length === b.indicators.length &&
    a.indicators.every(
      (v, i) =>
        v.indicator === b.indicators[i]?.indicator &&
        v.value === b.indicators[i]?.value &&
        v.unit === b.indicators[i]?.unit,
    )
  );
}
