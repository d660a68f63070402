import { CreateInboundProcessed1733356800000 } from './1733356800000-create-inbound-processed';

/** The inbound gateway's migrations, oldest first, parameterised by the service's schema. */
export const GATEWAY_MIGRATIONS = [CreateInboundProcessed1733356800000];
