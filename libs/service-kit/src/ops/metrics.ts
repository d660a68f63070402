import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { NoQueryString } from '../http/validation';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import { categoryOf } from '@crm/event-store';
import type { DeadLetterEvent } from '@crm/messaging';
import type { Backlog, BacklogSource } from './backlog';
import type { LagSource } from './lag';

/** The Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Injection token of the service's ServiceMetrics. */
export const SERVICE_METRICS = Symbol('crm.ServiceMetrics');

/** Seconds: from 5 ms (a cached read) to 10 s (a rebuild, a slow dependency). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus series of one service process (`docs/operations.md`), in a registry of its own (several
 * services or tests in one process do not share series):
 * - `http_request_duration_seconds{method, route, status}`: the route pattern, never the raw URL;
 * - `crm_events_appended_total{category}`: events the service wrote to the event store;
 * - `crm_relay_lag_events{relay}` and `crm_projection_lag_events{projection}`: events still to handle, measured
 *   at each scrape (bounded read, see `lagOf`);
 * - `crm_backlog_due{kind, backlog}` and `crm_backlog_oldest_due_age_seconds{kind, backlog}`: items of a backlog
 *   source (a deadline runner) due and not handled yet, and how long ago the oldest fell due (0 when none),
 *   read at each scrape;
 * - `crm_dead_letters_total{topic, code}`: messages its inbound gateway sent to a dead-letter topic;
 * - Node's default metrics (`process_*`, `nodejs_*`).
 * Every series carries `service="<name>"`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsAppended: Counter<'category'>;
  readonly deadLetters: Counter<'topic' | 'code'>;
  private lagSources: () => LagSource[] = () => [];
  private lagReader: (source: LagSource) => Promise<number | null> = async () => null;
  private backlogSources: () => BacklogSource[] = () => [];

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status / latencia HTTP por método, ruta y estado',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.eventsAppended = new Counter({
      name: 'crm_events_appended_total',
      help: 'Events appended to the event store by stream category / eventos agregados al almacén por categoría',
      labelNames: ['category'],
      registers: [this.registry],
    });
    this.deadLetters = new Counter({
      name: 'crm_dead_letters_total',
      help: 'Messages sent to a dead-letter topic / mensajes enviados a un tópico de mensajes muertos',
      labelNames: ['topic', 'code'],
      registers: [this.registry],
    });
    const lagGauge = (name: string, help: string, kind: LagSource['kind'], label: 'relay' | 'projection') => {
      const read = async (gauge: Gauge<typeof label>) => {
        gauge.reset();
        for (const source of this.lagSources().filter((s) => s.kind === kind)) {
          const lag = await this.lagReader(source).catch(() => null);
          if (lag !== null) gauge.set({ [label]: source.name }, lag);
        }
      };
      new Gauge({
        name,
        help,
        labelNames: [label],
        registers: [this.registry],
        async collect() {
          await read(this);
        },
      });
    };
    lagGauge(
      'crm_relay_lag_events',
      'Events the relay still has to publish (bounded count) / eventos que el relé aún debe publicar',
      'relay',
      'relay',
    );
    lagGauge(
      'crm_projection_lag_events',
      'Events the projection still has to apply (bounded count) / eventos que la proyección aún debe aplicar',
      'projection',
      'projection',
    );
    this.backlogGauges();
  }

  /**
   * `crm_backlog_due` and `crm_backlog_oldest_due_age_seconds`. The registry collects every series of a scrape
   * at once, so both gauges share one read of the sources per scrape.
   */
  private backlogGauges(): void {
    let reading: Promise<Array<{ source: BacklogSource; backlog: Backlog }>> | null = null;
    const read = () =>
      (reading ??= (async () => {
        const out: Array<{ source: BacklogSource; backlog: Backlog }> = [];
        for (const source of this.backlogSources()) {
          const backlog = await source.backlog().catch(() => null);
          if (backlog !== null) out.push({ source, backlog });
        }
        return out;
      })().finally(() => {
        reading = null;
      }));
    const gauge = (name: string, help: string, value: (b: Backlog) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['kind', 'backlog'],
        registers: [this.registry],
        async collect() {
          const backlogs = await read();
          this.reset();
          for (const { source, backlog } of backlogs)
            this.set({ kind: source.kind, backlog: source.name }, value(backlog));
        },
      });
    gauge(
      'crm_backlog_due',
      'Items due and not handled yet, e.g. deadlines not fired / elementos vencidos aún sin atender, p. ej. plazos sin disparar',
      (b) => b.due,
    );
    gauge(
      'crm_backlog_oldest_due_age_seconds',
      'Seconds since the oldest due item fell due (0: none due) / segundos desde que venció el elemento más antiguo (0: ninguno)',
      (b) => (b.oldestDueAgeMs ?? 0) / 1000,
    );
  }

  /** Where the backlog gauges read from (set by the kit once the application is up). */
  measureBacklog(sources: () => BacklogSource[]): void {
    this.backlogSources = sources;
  }

  /** Where the lag gauges read from (set by the kit once the application is up). */
  measureLag(sources: () => LagSource[], read: (source: LagSource) => Promise<number | null>): void {
    this.lagSources = sources;
    this.lagReader = read;
  }

  /** For `ConsumeOptions.onDeadLetter` (the inbound gateway's consumer). */
  readonly onDeadLetter = (event: DeadLetterEvent): void => {
    this.deadLetters.inc({ topic: event.topic, code: event.code });
  };

  /** The event store, counting what it appends (`crm_events_appended_total`). */
  meteredStore(store: EventStore): EventStore {
    const counter = this.eventsAppended;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendToStream') {
          return async (...args: Parameters<EventStore['appendToStream']>) => {
            const result = await target.appendToStream(...args);
            if (result.written) counter.inc({ category: categoryOf(args[0]) }, args[1].length);
            return result;
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  close(): void {
    this.registry.clear();
  }
}

/** `GET /metrics`: the Prometheus text of the process (public, like health: see `docs/operations.md`). */
@ApiExcludeController()
@SkipThrottle({ default: true, login: true })
@Controller()
export class MetricsController {
  constructor(@Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics) {}

  @Public()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  async scrape(@Query() _query: NoQueryString): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
