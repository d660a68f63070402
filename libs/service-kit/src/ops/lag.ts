import type { AllFilter, EventStore, Position } from '@crm/event-store';

/**
 * Something of the service that follows the event store from a checkpoint: a relay (store → bus) or a
 * projection (store → read model). Its lag is the number of events matching its filter after its position.
 */
export interface LagSource {
  kind: 'relay' | 'projection';
  name: string;
  filter?: AllFilter;
  /** The last position it handled (undefined: nothing yet); null: not running in this process (not counted). */
  position(): Position | undefined | null;
}

/**
 * Injection token: a provider of `LagSource[]` under this token, in any module of the service, declares its
 * relays and projections; the kit discovers every such provider (health and metrics).
 * `{ provide: LAG_SOURCES, useFactory: (m: PlanReadModels) => [projectionLagSource(m.runner)], inject: [PlanReadModels] }`
 */
export const LAG_SOURCES = Symbol('crm.LagSources');

/** A projection runner (ProjectionRunner of @crm/projection) as a lag source. */
export function projectionLagSource(runner: {
  name: string;
  filter: AllFilter | undefined;
  position: Position | undefined;
}): LagSource {
  return {
    kind: 'projection',
    name: runner.name,
    ...(runner.filter ? { filter: runner.filter } : {}),
    position: () => runner.position,
  };
}

/** A relay as a lag source; `relay()` returns null while it is not running (disabled, not started yet). */
export function relayLagSource(
  name: string,
  relay: () => { filter: AllFilter | undefined; checkpoint: Position | undefined } | null,
): LagSource {
  return {
    kind: 'relay',
    name,
    get filter() {
      return relay()?.filter;
    },
    position: () => {
      const running = relay();
      return running ? running.checkpoint : null;
    },
  };
}

/**
 * How many events matching the source's filter follow its position, counted up to `cap` (one bounded read
 * of `$all` through the EventStore port; cheap when the source is caught up, the usual case).
 */
export async function lagOf(store: EventStore, source: LagSource, cap: number): Promise<number | null> {
  const position = source.position();
  if (position === null) return null;
  const events = await store.readAll({
    ...(position !== undefined ? { fromPosition: position } : {}),
    ...(source.filter ? { filter: source.filter } : {}),
    maxCount: cap,
  });
  return events.length;
}
