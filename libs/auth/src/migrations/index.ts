import { CreateAccessDenials1733011200000 } from './1733011200000-create-access-denials';

/** The audit schema's migrations, oldest first (run by PostgresAuditSink.migrate). */
export const AUDIT_MIGRATIONS = [CreateAccessDenials1733011200000];
