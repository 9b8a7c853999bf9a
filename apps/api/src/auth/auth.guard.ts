import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@corridor/domain';
import { ApiKeyVerifier } from './api-keys/api-key-verifier';
import { IS_PUBLIC, ROLES, type AuthenticatedRequest } from './auth.decorators';
import { TokenVerifier } from './token-service';

/**
 * Global guard: every route is authenticated unless marked @Public(); @Roles() narrows who may call it.
 * Callers present either a bearer token or, for station systems, an `X-Api-Key` (not both).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ApiKeyVerifier) private readonly apiKeys: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const apiKey = request.headers['x-api-key'];
    if (apiKey !== undefined) {
      if (request.headers.authorization !== undefined) throw new UnauthorizedException('send either a bearer token or an API key, not both');
      const principal = typeof apiKey === 'string' ? this.apiKeys.verify(apiKey) : undefined;
      if (!principal) throw new UnauthorizedException('the API key is invalid');
      request.principal = principal;
    } else {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new UnauthorizedException('a bearer token is required');
      try {
        request.principal = await this.verifier.verify(match[1]);
      } catch {
        throw new UnauthorizedException('the bearer token is invalid or expired');
      }
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && request.principal.role !== 'admin' && !roles.includes(request.principal.role))
      throw new ForbiddenException(`this action needs the role ${roles.join(' or ')}`);
    return true;
  }
}
