import { CreateBus1733184000000 } from './1733184000000-create-bus';

/** The bus schema's migrations, oldest first (run by PostgresBus.connect and PostgresCheckpointStore.connect). */
export const BUS_MIGRATIONS = [CreateBus1733184000000];
