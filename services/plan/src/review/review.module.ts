import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE } from '@crm/platform';
import { CountryParamMiddleware } from './country-param.middleware';
import { PlanReview } from './plan-review';
import { ReviewController } from './review.controller';

/** As-of review, accountability history and verification endpoints (from the event store, not the read models). */
@Module({
  controllers: [ReviewController],
  providers: [
    { provide: PlanReview, inject: [EVENT_STORE], useFactory: (store: EventStore) => new PlanReview(store) },
  ],
  exports: [PlanReview],
})
export class ReviewModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CountryParamMiddleware).forRoutes(ReviewController);
  }
}
