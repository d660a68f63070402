import { ForbiddenError, NotFoundError } from '@crm/kernel';

/** 404: no case with this id is registered (the code the decider uses for commands on an unregistered case). */
export function caseNotFound(caseId: string): NotFoundError {
  return new NotFoundError(
    'referral.case.not_registered',
    {
      es: `El caso ${caseId} no está registrado. Revise el identificador.`,
      en: `Case ${caseId} is not registered. Check the id.`,
    },
    { caseId },
  );
}

/** 403: only the supervisor of the institution handling the case reads who saw the child's data. */
export function notHandlingInstitution(caseId: string, institutionId: string | null): ForbiddenError {
  return new ForbiddenError(
    'referral.case.not_handling_institution',
    {
      es: `Solo la supervisión de la institución que atiende el caso ${caseId} puede leer su bitácora de accesos; usted actúa por ${institutionId ?? 'ninguna institución del directorio'}.`,
      en: `Only the supervisor of the institution handling case ${caseId} may read its access log; you act for ${institutionId ?? 'no directory institution'}.`,
    },
    { caseId, institutionId },
  );
}
