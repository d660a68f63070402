import type { LocalizedText } from '@crm/kernel';

/** Why an institution stops receiving referrals (a code: no free text in the directory's events). */
export const DEACTIVATION_REASONS = {
  closed: { es: 'La institución cerró', en: 'The institution closed' },
  merged: { es: 'Se fusionó con otra institución', en: 'Merged into another institution' },
  mandate_changed: {
    es: 'Ya no tiene mandato de protección de la niñez migrante',
    en: 'No longer mandated to protect migrant children',
  },
  duplicate_entry: { es: 'Entrada duplicada en el directorio', en: 'Duplicate directory entry' },
  temporarily_unavailable: {
    es: 'No puede recibir referencias por ahora',
    en: 'Cannot receive referrals for now',
  },
  other: { es: 'Otro motivo', en: 'Other reason' },
} as const satisfies Readonly<Record<string, LocalizedText>>;
export type DeactivationReason = keyof typeof DEACTIVATION_REASONS;
