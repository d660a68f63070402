import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { tap, type Observable } from 'rxjs';

const NO_REVISION_ETAG = 'crm.noRevisionETag';

/** Opts a GET route out of the revision ETag (its body's `revision` is not the revision of what it reads). */
export const NoRevisionETag = (): MethodDecorator & ClassDecorator => SetMetadata(NO_REVISION_ETAG, true);

/** The revision a response body carries: a top-level non-negative integer `revision`, else undefined. */
export function revisionOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const revision = (body as { revision?: unknown }).revision;
  return typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0
    ? revision
    : undefined;
}

/** The strong entity tag of a revision: `"3"`. */
export function revisionETag(revision: number): string {
  return `"${revision}"`;
}

/**
 * Global: a GET (or HEAD) whose answer has a top-level numeric `revision` (an aggregate's view, e.g. a
 * report) gets `ETag: "<revision>"`; the client sends it back as `If-Match` on its next write (a stale one is
 * a 412). Express then answers a GET whose `If-None-Match` names that tag with 304 and no body. Routes
 * opt out with `@NoRevisionETag()`.
 */
@Injectable()
export class RevisionETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const method = http.getRequest<{ method: string }>().method;
    const optedOut = this.reflector.getAllAndOverride<boolean>(NO_REVISION_ETAG, [
      context.getHandler(),
      context.getClass(),
    ]);
    if ((method !== 'GET' && method !== 'HEAD') || optedOut) return next.handle();
    const res = http.getResponse<{ setHeader(name: string, value: string): void }>();
    return next.handle().pipe(
      tap((body) => {
        const revision = revisionOf(body);
        if (revision !== undefined) res.setHeader('ETag', revisionETag(revision));
      }),
    );
  }
}
