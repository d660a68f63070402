/**
 * POST .../submit takes no body: the report's current draft is submitted and the period's effective window
 * decides lateness. A body with any field is refused (400) by the validation pipe.
 */
export class SubmitReportBody {}
