import { commandEnvelopes } from '@crm/service-kit';

/** The envelopes of the plan's commands: client keys scoped as `plan.<useCase>:<stream>:<key>`. */
export const envelopeFor = commandEnvelopes('plan');
