import { definePolicy, Role } from '@crm/auth';

/**
 * Personal-data rows, checked by PersonalDataProtector itself (so they hold outside HTTP routes too) and by
 * any route a service serves for them (`definePolicy(SERVICE_ROWS, PII_POLICY.rows)`).
 * - `pii.read`: the case-owning country and a country the case is addressed to, always with a stated purpose
 *   (a national system pulls the disclosed view of a referral addressed to its country with its own credential).
 * - `pii.erase`: the owning country's case worker (the child's data controller), or the platform
 *   administrator executing a formal erasure request.
 */
export const PII_POLICY = definePolicy({
  'pii.read': [
    {
      roles: [Role.ProtectionCaseWorker, Role.ConsularOfficer, Role.NationalSystem],
      scope: 'own-or-addressed',
      requiresPurpose: true,
    },
  ],
  'pii.erase': [
    { roles: [Role.ProtectionCaseWorker], scope: 'own-country' },
    { roles: [Role.PlatformAdmin], scope: 'secretariat' },
  ],
});
