/** Body of POST /referrals/institutions/:id/reactivate: none (any field: 400). */
export class ReactivateInstitutionBody {}
