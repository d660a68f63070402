/** POST .../transfers/:transferId/accept takes no body: a body with any field is refused (400) by the validation pipe. */
export class AcceptTransferBody {}
