/** Test helpers of the plan service (`@crm/plan/testing`), for its own tests and the cross-service ones. */
export * from './shift-plan';
