import { startTestService, type TestService, type TestServiceOptions } from '@crm/service-testing';
import { REFERRALS_SERVICE } from '../src/bootstrap';

export { expectBilingualError } from '@crm/service-testing';

/** The real referral service on a fresh test database beside a real identity service (see startTestService). */
export function startTestReferralsService(options: TestServiceOptions = {}): Promise<TestService> {
  return startTestService(REFERRALS_SERVICE, { prefix: 'referrals_http', ...options });
}
