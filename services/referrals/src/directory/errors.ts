import { NotFoundError } from '@crm/kernel';

/** 404: no directory entry has this id (the code the decider uses for commands on an unregistered entry). */
export function institutionNotFound(institutionId: string): NotFoundError {
  return new NotFoundError(
    'referral.institution.not_registered',
    {
      es: `La institución ${institutionId} no está en el directorio. Revise el identificador (p. ej. HN-DINAF).`,
      en: `Institution ${institutionId} is not in the directory. Check the id (e.g. HN-DINAF).`,
    },
    { institutionId },
  );
}

/** 404: the focal point is not, and never was, one of the institution's focal points. */
export function focalPointNotFound(institutionId: string, focalPointId: string): NotFoundError {
  return new NotFoundError(
    'referral.institution.focal_point_not_found',
    {
      es: `El punto focal ${focalPointId} no es ni fue punto focal de la institución ${institutionId}.`,
      en: `Focal point ${focalPointId} is not, and never was, a focal point of institution ${institutionId}.`,
    },
    { institutionId, focalPointId },
  );
}
