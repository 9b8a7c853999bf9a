import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@corridor/domain';
import { IS_PUBLIC, ROLES, type AuthenticatedRequest } from './auth.decorators';
import { TokenVerifier } from './token-service';

/** Global guard: every route is authenticated unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedException('a bearer token is required');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch {
      throw new UnauthorizedException('the bearer token is invalid or expired');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && request.principal.role !== 'admin' && !roles.includes(request.principal.role))
      throw new ForbiddenException(`this action needs the role ${roles.join(' or ')}`);
    return true;
  }
}
