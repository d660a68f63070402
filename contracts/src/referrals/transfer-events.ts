/**
 * Outbound, country scope: the receiver proposed to hand the referral over to an institution of a third
 * country, and that institution answered. The free-text reasons stay in the service.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineContract } from '../contract';
import { d, StringEnum, Timestamp } from '../schema-kit';
import { DECLINE_REASON_CODES, TRANSFER_REASON_CODES } from './codes';
import {
  Categories,
  EXAMPLE_REFERRAL,
  HasNote,
  Identifier,
  Institution,
  referralEventDescription,
  referralFields,
  referralViewPath,
  ReferralStatus,
  tolerate,
  VIEW_PATH_PATTERN,
} from './blocks';

const TransferId = Identifier('Identificador del traslado.', 'Transfer id.');
const Transferee = Institution(
  'Institución del tercer país a la que se propone el traslado.',
  'Institution of the third country the transfer is proposed to.',
);
const GT_INSTITUTION = { country: 'GT' as const, institutionId: 'GT-PGN' };
const HN_ACTOR = { subject: 'national-system:HN', role: 'national_system' };

export const ReferralTransferRequestedV1 = Type.Object(
  {
    ...referralFields,
    transferId: TransferId,
    transferee: Transferee,
    transferReason: StringEnum(
      TRANSFER_REASON_CODES,
      tolerate('Motivo del traslado (código).', 'Reason for the transfer (code).'),
    ),
    hasNote: HasNote,
    categories: Categories(
      'Categorías que recibiría la institución propuesta (las aún compartidas).',
      'Categories the proposed institution would receive (those still shared).',
    ),
    requestedAt: Timestamp('Momento de la propuesta (RFC 3339).', 'When it was proposed (RFC 3339).'),
  },
  referralEventDescription(
    'La institución receptora propuso trasladar la referencia a una institución de un tercer país (el motivo como código; su nota no viaja).',
    'The receiving institution proposed to transfer the referral to an institution of a third country (the reason as a code; its note does not travel).',
  ),
);
export type ReferralTransferRequestedV1 = Static<typeof ReferralTransferRequestedV1>;

export const referralTransferRequestedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.transfer-requested',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Traslado propuesto', en: 'Transfer requested' },
  schema: ReferralTransferRequestedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    country: 'GT',
    status: 'in_progress',
    fhirStatus: 'in-progress',
    revision: 6,
    actor: HN_ACTOR,
    transferId: 'HN-TR-0001',
    transferee: GT_INSTITUTION,
    transferReason: 'family_located',
    hasNote: false,
    categories: ['indicators', 'identity'],
    requestedAt: '2026-03-12T10:00:00.000Z',
  },
});

export const ReferralTransferDecidedV1 = Type.Object(
  {
    ...referralFields,
    previousStatus: ReferralStatus,
    transferId: TransferId,
    decision: StringEnum(
      ['accepted', 'declined'] as const,
      d(
        'Respuesta de la institución propuesta: aceptado (pasa a ser la receptora, en "to") o rechazado (nada cambia).',
        'Answer of the proposed institution: accepted (it becomes the receiver, in "to") or declined (nothing moves).',
      ),
    ),
    transferee: Transferee,
    declineReason: Type.Optional(
      StringEnum(
        DECLINE_REASON_CODES,
        tolerate(
          'Motivo del rechazo del traslado (código), si se rechazó.',
          'Reason for declining the transfer (code), when declined.',
        ),
      ),
    ),
    hasNote: Type.Optional(HasNote),
    previousReceiver: Type.Optional(
      Institution(
        'Institución receptora anterior (si se aceptó).',
        'The previous receiving institution (when accepted).',
      ),
    ),
    categories: Type.Optional(
      Categories(
        'Categorías que recibe la nueva receptora (si se aceptó).',
        'Categories the new receiver gets (when accepted).',
      ),
    ),
    viewPath: Type.Optional(
      Type.String({
        pattern: VIEW_PATH_PATTERN,
        ...d(
          'Ruta HTTPS de la vista divulgada para la nueva receptora (si se aceptó).',
          'HTTPS path of the disclosed view for the new receiver (when accepted).',
        ),
      }),
    ),
    decidedAt: Timestamp('Momento de la respuesta (RFC 3339).', 'When it was answered (RFC 3339).'),
  },
  referralEventDescription(
    'La institución propuesta aceptó o rechazó el traslado (el motivo de un rechazo como código; su nota no viaja).',
    'The proposed institution accepted or declined the transfer (the reason of a refusal as a code; its note does not travel).',
  ),
);
export type ReferralTransferDecidedV1 = Static<typeof ReferralTransferDecidedV1>;

export const referralTransferDecidedV1 = defineContract({
  service: 'referrals',
  name: 'referrals.referral.transfer-decided',
  version: 1,
  direction: 'outbound',
  scope: 'country',
  title: { es: 'Traslado respondido', en: 'Transfer decided' },
  schema: ReferralTransferDecidedV1,
  example: {
    ...EXAMPLE_REFERRAL,
    country: 'GT',
    to: GT_INSTITUTION,
    status: 'accepted',
    fhirStatus: 'accepted',
    previousStatus: 'in_progress',
    revision: 7,
    actor: { subject: 'national-system:GT', role: 'national_system' },
    transferId: 'HN-TR-0001',
    decision: 'accepted',
    transferee: GT_INSTITUTION,
    previousReceiver: EXAMPLE_REFERRAL.to,
    categories: ['indicators', 'identity'],
    viewPath: referralViewPath(EXAMPLE_REFERRAL.referralId),
    decidedAt: '2026-03-13T10:00:00.000Z',
  },
});
