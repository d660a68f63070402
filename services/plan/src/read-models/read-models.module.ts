import { Module } from '@nestjs/common';

/** Placeholder created by the plan-service application so AppModule compiles; its owner replaces it (read models (projections) of the plan service). */
@Module({})
export class ReadModelsModule {}
