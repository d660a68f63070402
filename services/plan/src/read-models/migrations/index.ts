import { CreateDashboardTables1733443200000 } from './1733443200000-create-dashboard-tables';

/** The plan read models' migrations (schema `plan_read`), oldest first. */
export const PLAN_READ_MODEL_MIGRATIONS = [CreateDashboardTables1733443200000];
