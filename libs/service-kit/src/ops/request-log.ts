import { randomUUID } from 'node:crypto';
import type { LogPort } from '@crm/kernel';
import { correlationIdHeaderOf, idempotencyKeyOf } from '../http/idempotency';
import type { ServiceMetrics } from './metrics';

interface Req {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  correlationId?: string;
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): void;
  once(event: 'finish' | 'close', listener: () => void): void;
}

/** The route label of requests no route matched (unknown paths, static assets): never the raw URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** The correlation id of a request: `X-Correlation-Id` when valid, else its Idempotency-Key, else a new UUID. */
export function correlationIdOf(req: Req): string {
  let key: string | undefined;
  try {
    key = idempotencyKeyOf(req.headers);
  } catch {
    key = undefined; // malformed: the route answers the 400
  }
  return correlationIdHeaderOf(req.headers) ?? key ?? randomUUID();
}

/**
 * Express middleware, first of the chain: gives the request its correlation id (echoed as the
 * `X-Correlation-Id` response header, used by `@CommandMeta()`), and when the response is sent observes
 * `http_request_duration_seconds` and writes ONE log line `{ method, route, status, durationMs,
 * correlationId }` (info; warn for 5xx). The route is the matched pattern (`/plan/reports/:country/...`):
 * no ids, no query string, no body, no header reaches the log.
 */
export function requestObserver(metrics: ServiceMetrics, logger: LogPort) {
  return (req: Req, res: Res, next: () => void): void => {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdOf(req);
    req.correlationId = correlationId;
    res.setHeader('X-Correlation-Id', correlationId);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ?? UNMATCHED_ROUTE;
      const status = res.statusCode;
      metrics.httpDuration.observe({ method: req.method, route, status: String(status) }, seconds);
      const line = {
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        correlationId,
      };
      if (status >= 500) logger.warn(line, 'request');
      else logger.info?.(line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
