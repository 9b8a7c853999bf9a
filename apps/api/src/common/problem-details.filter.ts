import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isDependencyUnavailable } from './dependency-unavailable';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/**
 * Stable codes for the body parser's refusals (http-errors `type`, kept as the HttpException's cause
 * by Nest's Express adapter); `body-too-deep` and `unsupported-charset` come from common/body-limits.
 */
const BODY_PARSER_CODES: Record<string, string> = {
  'entity.too.large': 'body-too-large',
  'entity.parse.failed': 'malformed-json',
  'encoding.unsupported': 'unsupported-encoding',
  'charset.unsupported': 'unsupported-charset',
  'body-too-deep': 'body-too-deep',
  'unsupported-charset': 'unsupported-charset',
  'unsupported-media-type': 'unsupported-media-type',
};

function bodyParserCode(exception: HttpException): string | undefined {
  const type = (exception.cause as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? BODY_PARSER_CODES[type] : undefined;
}

const unavailable: ProblemDetails = {
  type: 'about:blank',
  title: 'service unavailable',
  status: 503,
  detail: 'a service the API depends on (database or workflow engine) is unreachable; retry shortly',
  code: 'dependency-unavailable',
};

/**
 * The code of a refusal that named none (Nest's own NotFound/Forbidden, a service's plain
 * `NotFoundException('no certificate …')`, Express refusing a path parameter that is not valid
 * percent-encoded UTF-8): every problem carries a stable machine-readable `code`, so a client never
 * has to parse the English detail. Derived from the status (`not-found`, `forbidden`, …).
 */
function fallbackCode(exception: HttpException, status: number): string {
  if (exception.cause instanceof URIError) return 'malformed-path';
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

/** Every error leaves as RFC 9457 application/problem+json; unexpected ones never leak internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isDependencyUnavailable(exception)) {
      // An outage, not a defect: nothing was carried out, and the client should retry shortly.
      this.logger.warn(exception instanceof Error ? exception.message : String(exception));
      response.setHeader('Retry-After', '1');
      response.status(503).type('application/problem+json').send(JSON.stringify(unavailable));
      return;
    }
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const base: ProblemDetails = { type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status };
      base.code = bodyParserCode(exception) ?? fallbackCode(exception, status);
      if (typeof body === 'string') return { ...base, detail: body };
      const b = body as Record<string, unknown>;
      if (b.type === 'problem') {
        const { type: _t, ...rest } = b;
        return { ...base, ...rest, status };
      }
      const message = Array.isArray(b.message) ? b.message.join('; ') : (b.message as string | undefined);
      return { ...base, detail: message ?? exception.message };
    }
    return { type: 'about:blank', title: 'internal server error', status: 500, detail: 'an unexpected error occurred', code: 'internal-error' };
  }
}
