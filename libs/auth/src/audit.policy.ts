import { definePolicy } from './policy';
import { Role } from './principal';

/** The platform's own rows: reading the audit log of denials (audit.access_denials). No country content. */
export const AUDIT_POLICY = definePolicy({
  'audit.read': [{ roles: [Role.SecretariatCoordinator, Role.PlatformAdmin], scope: 'secretariat' }],
});
