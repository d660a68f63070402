import { CreateConsumerBookkeeping1733270400000 } from './1733270400000-create-consumer-bookkeeping';

/** The consumer bookkeeping's migrations, oldest first, parameterised by the consumer's schema. */
export const PROJECTION_MIGRATIONS = [CreateConsumerBookkeeping1733270400000];
