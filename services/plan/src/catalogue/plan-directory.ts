import { ConflictError } from '@crm/kernel';
import type { EventStore } from '@crm/event-store';
import { CATALOGUE_STREAM_CATEGORY } from './domain';
import {
  planCovers,
  planOfPeriod,
  planYearsOf,
  type PlanYears,
  type ReportingPeriod,
} from '../windows/domain';

/**
 * The imported plans and their years, read from the `CatalogueImported` events of the `planCatalogue-*` streams.
 * A plan, once imported, never goes away and its years never change (no amendment touches `period`), so what is
 * known stays true: the list is cached per store and re-read only when a period or plan id is not found
 * (a plan imported through another instance shows up on the first request that needs it).
 */
export class PlanDirectory {
  private readonly known = new Map<string, PlanYears>();
  private loaded = false;

  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  /** Every imported plan, oldest years first. */
  async plans(): Promise<PlanYears[]> {
    if (!this.loaded) await this.refresh();
    return this.list();
  }

  /** Re-reads the imported plans from the store. */
  async refresh(): Promise<PlanYears[]> {
    const imports = await this.store.readAll({
      filter: { categories: [CATALOGUE_STREAM_CATEGORY], eventTypes: ['CatalogueImported'] },
    });
    for (const e of imports) {
      const catalogue = (e.data as { catalogue?: { planId: string; period: { from: number; to: number } } })
        .catalogue;
      if (catalogue) this.note(planYearsOf(catalogue));
    }
    this.loaded = true;
    return this.list();
  }

  /** Records a plan just imported through this instance. */
  note(plan: PlanYears): void {
    this.known.set(plan.planId, plan);
  }

  /** The imported plan with this id, or undefined. */
  async plan(planId: string): Promise<PlanYears | undefined> {
    const cached = (await this.plans()).find((p) => p.planId === planId);
    return cached ?? (await this.refresh()).find((p) => p.planId === planId);
  }

  /**
   * The imported plan whose years contain the period; 422 `plan.period.outside_plans` when none does, 409
   * `catalogue.not_imported` while no plan at all is imported (the service is starting: a caller may retry).
   */
  async planOf(period: ReportingPeriod): Promise<PlanYears> {
    let plans = await this.plans();
    if (!plans.some((p) => planCovers(p, period))) plans = await this.refresh();
    if (plans.length === 0) {
      throw new ConflictError(
        'catalogue.not_imported',
        {
          es: 'Aún no se ha importado el catálogo de ningún plan.',
          en: 'No plan catalogue has been imported yet.',
        },
        { period },
      );
    }
    return planOfPeriod(period, plans);
  }

  private list(): PlanYears[] {
    return [...this.known.values()].sort((a, b) => a.from - b.from);
  }
}

const directories = new WeakMap<object, PlanDirectory>();

/** The directory of a store (one per store object, shared by the commands, queries and read models on it). */
export function planDirectory(store: Pick<EventStore, 'readAll'>): PlanDirectory {
  let directory = directories.get(store);
  if (!directory) {
    directory = new PlanDirectory(store);
    directories.set(store, directory);
  }
  return directory;
}
