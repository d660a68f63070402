import { NotFoundError } from '@crm/kernel';

export function referralNotFound(stream: string): NotFoundError {
  return new NotFoundError(
    'referral.not_found',
    {
      es: 'La referencia no existe (o no tiene acceso a ella). Revise el identificador.',
      en: 'The referral does not exist (or you have no access to it). Check the identifier.',
    },
    { stream },
  );
}
