/**
 * Outbound, country scope: a consent the referral relied on no longer covers some categories (they are
 * never shared again), and the receiving institution acknowledged it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import { Timestamp, d } from '../schema-kit';
import { Categories, EXAMPLE_REFERRAL, Identifier, referralEventDescription, referralFields } from './blocks';

const ConsentId = Identifier('Identificador opaco del consentimiento.', 'Opaque consent id.');

export const ReferralConsentWithdrawalNotifiedV1 = Type.Object(
  {
    ...referralFields,
    consentId: ConsentId,
    categories: Categories(
      'Categorías que el consentimiento ya no cubre: dejan de compartirse para siempre.',
      'Categories the consent no longer covers: no longer shared, for good.',
    ),
    acknowledgeBy: Timestamp(
      'Plazo de la institución receptora para acusar el retiro.',
      'Deadline of the receiving institution to acknowledge the withdrawal.',
    ),
    notifiedAt: Timestamp('Momento de la notificación (RFC 3339).', 'When it was notified (RFC 3339).'),
  },
  referralEventDescription(
    'Se retiró (total o parcialmente) un consentimiento en el que se basó la referencia; la institución receptora debe acusarlo (acción "acknowledge_withdrawal").',
    'A consent the referral relied on was (wholly or partly) withdrawn; the receiving institution must acknowledge it (action "acknowledge_withdrawal").',
  ),
);
export type ReferralConsentWithdrawalNotifiedV1 = Static<typeof ReferralConsentWithdrawalNotifiedV1>;

export const referralConsentWithdrawalNotifiedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.consent-withdrawal-notified',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Retiro de consentimiento notificado', en: 'Consent withdrawal notified' },
  schema: ReferralConsentWithdrawalNotifiedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'in_progress',
    fhirStatus: 'in-progress',
    revision: 6,
    actor: { subject: 'system|referrals-consent', role: 'system' },
    consentId: 'MX-CONSENT-0001',
    categories: ['identity'],
    acknowledgeBy: '2026-03-14T10:00:00.000Z',
    notifiedAt: '2026-03-12T10:00:00.000Z',
  },
});

export const ReferralConsentWithdrawalAcknowledgedV1 = Type.Object(
  {
    ...referralFields,
    consentIds: Type.Array(ConsentId, {
      minItems: 1,
      uniqueItems: true,
      ...d('Consentimientos cuyos retiros se acusaron.', 'Consents whose withdrawals were acknowledged.'),
    }),
    categories: Categories('Categorías retiradas que se acusaron.', 'Withdrawn categories acknowledged.'),
    acknowledgedAt: Timestamp('Momento del acuse (RFC 3339).', 'When it was acknowledged (RFC 3339).'),
  },
  referralEventDescription(
    'La institución receptora acusó todos los retiros de consentimiento pendientes.',
    'The receiving institution acknowledged every pending consent withdrawal.',
  ),
);
export type ReferralConsentWithdrawalAcknowledgedV1 = Static<typeof ReferralConsentWithdrawalAcknowledgedV1>;

export const referralConsentWithdrawalAcknowledgedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.consent-withdrawal-acknowledged',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Retiro de consentimiento acusado', en: 'Consent withdrawal acknowledged' },
  schema: ReferralConsentWithdrawalAcknowledgedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    status: 'in_progress',
    fhirStatus: 'in-progress',
    revision: 7,
    actor: { subject: 'national-system:HN', role: 'national_system' },
    consentIds: ['MX-CONSENT-0001'],
    categories: ['identity'],
    acknowledgedAt: '2026-03-12T18:00:00.000Z',
  },
});
