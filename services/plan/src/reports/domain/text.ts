/** Free text a user writes in one or both working languages (at least one must be non-blank). */
export interface MultilingualText {
  es?: string;
  en?: string;
}

/**
 * Trims both languages and drops blank ones. Returns null when the value is not an object of strings,
 * when no language is left, or when a language is longer than `maxLength` characters.
 */
export function normalizeText(value: unknown, maxLength: number): MultilingualText | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((k) => k !== 'es' && k !== 'en');
  if (unknownKeys.length > 0) return null;
  const out: MultilingualText = {};
  for (const lang of ['es', 'en'] as const) {
    const text = raw[lang];
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string') return null;
    const trimmed = text.trim();
    if (trimmed.length > maxLength) return null;
    if (trimmed.length > 0) out[lang] = trimmed;
  }
  return out.es === undefined && out.en === undefined ? null : out;
}

/** The text in the wanted language, else the other one marked with its language: "[en] ...". */
export function textIn(text: MultilingualText | null | undefined, lang: 'es' | 'en'): string {
  if (!text) return '';
  const other = lang === 'es' ? 'en' : 'es';
  if (text[lang] !== undefined) return text[lang] as string;
  return text[other] !== undefined ? `[${other}] ${text[other]}` : '';
}

export function sameText(
  a: MultilingualText | null | undefined,
  b: MultilingualText | null | undefined,
): boolean {
  return (a?.es ?? null) === (b?.es ?? null) && (a?.en ?? null) === (b?.en ?? null);
}
