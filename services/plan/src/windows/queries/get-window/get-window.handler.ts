import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { planDirectory } from '../../../catalogue/plan-directory';
import { isOpen, parsePeriod, type ReportingPeriod } from '../../domain';
import { loadWindow, toWindowView } from '../../window-reader';
import { GetWindowQuery, type WindowInForce } from './get-window.query';

/** 422 when no imported plan has the period. */
@QueryHandler(GetWindowQuery)
export class GetWindowHandler implements IQueryHandler<GetWindowQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetWindowQuery): Promise<WindowInForce> {
    parsePeriod(query.period);
    const period = query.period as ReportingPeriod;
    await planDirectory(this.store).planOf(period);
    const loaded = await loadWindow(this.store, period);
    return {
      ...toWindowView(period, loaded.state, loaded.revision),
      open: isOpen(this.clock(), loaded.effective),
    };
  }
}
