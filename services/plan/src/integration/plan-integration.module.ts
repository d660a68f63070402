import { Module } from '@nestjs/common';

/** Placeholder created by the plan-service application so AppModule compiles; its owner replaces it (relay and inbound gateway). */
@Module({})
export class PlanIntegrationModule {}
