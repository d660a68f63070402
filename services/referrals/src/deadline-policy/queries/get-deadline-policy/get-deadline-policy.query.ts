import { Query } from '@nestjs/cqrs';
import type { DeadlinePolicyView } from '../../deadline-policy-reader';

/** The operation that guards it (referrals.policy.ts): readers of either country's referrals and the Secretariat. */
export const READ_DEADLINES_OPERATION = 'referrals.deadlines.read' as const;

/** The deadlines in force for referrals sent from `from` to `to` (configured, else the defaults). */
export class GetDeadlinePolicyQuery extends Query<DeadlinePolicyView> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
