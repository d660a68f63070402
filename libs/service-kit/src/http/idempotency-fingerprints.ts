import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import canonicalize from 'canonicalize';
import { catchError, from, switchMap, throwError, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ValidationError } from '@crm/kernel';
import { idempotencyKeyOf } from './idempotency';
import { SERVICE_KIT_SCHEMA } from './migrations/1764633600000-create-idempotency-keys';

/** 422: this Idempotency-Key was already used on this route with another request. Nothing was stored. */
export class IdempotencyKeyReusedError extends ValidationError {
  constructor(key: string) {
    super(
      'http.idempotency_key_reused',
      {
        es: `La clave Idempotency-Key "${key}" ya se usó en esta ruta con otra solicitud (otro cuerpo o recurso); use una clave nueva para una orden nueva. No se guardó nada.`,
        en: `The Idempotency-Key "${key}" was already used on this route with another request (another body or resource); use a new key for a new command. Nothing was stored.`,
      },
      { key },
    );
  }
}

/** Who used a key where: the caller, the method and the route pattern (never the raw URL). */
export interface KeyScope {
  subject: string;
  method: string;
  route: string;
  key: string;
}

/** sha256 of the RFC 8785 canonical JSON of what the request asks: path parameters, query and body. */
export function requestFingerprint(request: { params?: unknown; query?: unknown; body?: unknown }): string {
  const canonical =
    canonicalize({ params: request.params ?? {}, query: request.query ?? {}, body: request.body ?? null }) ??
    'null';
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The remembered fingerprints (`service_kit.idempotency_keys`), per service. */
export class IdempotencyFingerprints {
  constructor(
    private readonly dataSource: DataSource,
    private readonly service: string,
  ) {}

  /**
   * Records the fingerprint of a key's first use, atomically. `claimed`: this call recorded it; `same`: the
   * key was used before with the same request (a retry); `different`: with another request.
   */
  async claim(scope: KeyScope, fingerprint: string): Promise<'claimed' | 'same' | 'different'> {
    const t = `"${SERVICE_KIT_SCHEMA}".idempotency_keys`;
    const args = [this.service, scope.subject, scope.method, scope.route, scope.key];
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${t} (service, subject, method, route, key, fingerprint) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [...args, fingerprint],
    );
    if (inserted.length > 0) return 'claimed';
    const rows: Array<{ fingerprint: string }> = await this.dataSource.query(
      `SELECT fingerprint FROM ${t} WHERE service = $1 AND subject = $2 AND method = $3 AND route = $4 AND key = $5`,
      args,
    );
    if (rows.length === 0) return this.claim(scope, fingerprint); // released meanwhile: claim again
    return rows[0].fingerprint === fingerprint ? 'same' : 'different';
  }

  /** Forgets a claim whose request failed: the key may be used again (also with a corrected body). */
  async release(scope: KeyScope, fingerprint: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "${SERVICE_KIT_SCHEMA}".idempotency_keys
       WHERE service = $1 AND subject = $2 AND method = $3 AND route = $4 AND key = $5 AND fingerprint = $6`,
      [this.service, scope.subject, scope.method, scope.route, scope.key, fingerprint],
    );
  }
}

export const IDEMPOTENCY_FINGERPRINTS = Symbol('crm.IdempotencyFingerprints');

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface KeyedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  params?: unknown;
  query?: unknown;
  body?: unknown;
  principal?: { subject: string };
}

/**
 * Global: a write (POST, PUT, PATCH, DELETE) with an `Idempotency-Key` is bound to its request. The first use
 * of a key by a caller on a route records the request's fingerprint; the same key with the same request
 * runs as before (the command layer replays it and records nothing new); with another request it is a 422
 * `http.idempotency_key_reused` and the handler does not run. A request that fails releases its claim.
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_FINGERPRINTS) private readonly fingerprints: IdempotencyFingerprints | null,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // a service without the platform (identity) has no commands and no database to remember keys in
    if (context.getType() !== 'http' || !this.fingerprints) return next.handle();
    const req = context.switchToHttp().getRequest<KeyedRequest>();
    if (!WRITES.has(req.method)) return next.handle();
    const key = idempotencyKeyOf(req.headers);
    if (key === undefined) return next.handle();
    const scope: KeyScope = {
      subject: req.principal?.subject ?? 'anonymous',
      method: req.method,
      route: req.route?.path ?? '(unmatched)',
      key,
    };
    const fingerprint = requestFingerprint(req);
    const fingerprints = this.fingerprints;
    return from(fingerprints.claim(scope, fingerprint)).pipe(
      switchMap((claim) => {
        if (claim === 'different') return throwError(() => new IdempotencyKeyReusedError(key));
        const handled = next.handle();
        if (claim === 'same') return handled;
        return handled.pipe(
          catchError((error: unknown) =>
            from(fingerprints.release(scope, fingerprint).catch(() => undefined)).pipe(
              switchMap(() => throwError(() => error)),
            ),
          ),
        );
      }),
    );
  }
}
