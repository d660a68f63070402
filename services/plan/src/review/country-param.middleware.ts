import { Injectable, type NestMiddleware } from '@nestjs/common';
import { countryOrThrow } from './errors';

const COUNTRY_PATH = /^\/plan\/countries\/([^/?]+)\/(state|history|verify)(?:[/?]|$)/;

/**
 * Runs before the guards (which would answer 400 "not a valid member country" for the route's country):
 * a country that is not one of the 11 member countries is a resource that does not exist, 404 with es/en text.
 */
@Injectable()
export class CountryParamMiddleware implements NestMiddleware {
  use(req: { originalUrl?: string; url?: string }, _res: unknown, next: (error?: unknown) => void): void {
    const match = COUNTRY_PATH.exec(req.originalUrl ?? req.url ?? '');
    if (match) {
      try {
        countryOrThrow(decodeURIComponent(match[1]));
      } catch (error) {
        next(error);
        return;
      }
    }
    next();
  }
}
