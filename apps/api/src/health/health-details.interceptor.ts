import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, map, mergeMap, throwError, type Observable } from 'rxjs';
import { TokenVerifier } from '../auth/token-service';

/**
 * Strings that are labels, not diagnostics: everything else a health indicator carries as text (an
 * error message, a connection string, a host name inside a stack) is dropped from the public answer.
 */
const PUBLIC_TEXT_KEYS = new Set(['status', 'kind', 'namespace', 'name', 'projection']);

/** The health report as the public sees it: statuses, figures and labels; no error text. */
export function publicHealth(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => publicHealth(v));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => [k, publicHealth(v, k)] as const)
        .filter(([, v]) => v !== undefined),
    );
  if (typeof value === 'string') return key !== undefined && PUBLIC_TEXT_KEYS.has(key) ? value : undefined;
  return value;
}

/**
 * /health is public (probes call it without credentials) but its error details are for operators:
 * an admin's bearer token gets the full report, anyone else the redacted one. A 503 keeps its
 * report too (as problem+json extensions), so a probe can see which dependency is down.
 */
@Injectable()
export class HealthDetailsInterceptor implements NestInterceptor {
  constructor(@Inject(TokenVerifier) private readonly tokens: TokenVerifier) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    return from(this.isOperator(request)).pipe(
      mergeMap((operator) => {
        const shown = (report: unknown): unknown => (operator ? report : publicHealth(report));
        return next.handle().pipe(
          map(shown),
          catchError((error: unknown) => {
            if (!(error instanceof HttpException) || error.getStatus() !== 503) return throwError(() => error);
            const report = error.getResponse();
            const body = typeof report === 'object' && report !== null ? (shown(report) as Record<string, unknown>) : {};
            return throwError(() => new HttpException({ ...body, type: 'problem', detail: 'a dependency Corridor needs is down' }, 503));
          }),
        );
      }),
    );
  }

  private async isOperator(request: Request): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return false;
    try {
      return (await this.tokens.verify(token)).role === 'admin';
    } catch {
      return false; // a probe with a bad token still gets the public answer, not a 401
    }
  }
}
