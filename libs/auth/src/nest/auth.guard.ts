import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, type TokenVerifier } from '../jwt';
import { IS_PUBLIC } from './decorators';
import type { AuthRequest } from './request';
import { TOKEN_VERIFIER } from './tokens';

/**
 * Global guard, default deny: every route needs a valid bearer token unless decorated `@Public()`.
 * On success the Principal is attached to the request (`@CurrentPrincipal()`); otherwise AuthenticationError (401).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    req.principal = await this.verifier.verify(bearerToken(req.headers.authorization));
    return true;
  }
}
