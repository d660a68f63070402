import { CreateDataKeys1733097600000 } from './1733097600000-create-data-keys';

/** The key schema's migrations, oldest first (run by PostgresKeyStore.migrate). */
export const PII_MIGRATIONS = [CreateDataKeys1733097600000];
