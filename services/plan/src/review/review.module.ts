import { Module } from '@nestjs/common';

/** Placeholder created by the plan-service application so AppModule compiles; its owner replaces it (as-of state, history and verify endpoints). */
@Module({})
export class ReviewModule {}
