import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import type { IncomingMessage } from 'node:http';

/** Bounds on request bodies, enforced by the body parser before anything else reads the body. */
export interface BodyLimits {
  /** Largest accepted body (bytes, or a body-parser size string such as '100kb'); larger ones get 413. */
  maxBytes: number | string;
  /** Deepest accepted nesting of JSON objects and arrays; deeper bodies get 400 `body-too-deep`. */
  maxDepth: number;
}

/** Error shape body-parser (http-errors) keeps: `status` becomes the answer, `type` the problem's code. */
class BodyRefused extends Error {
  readonly expose = true;
  /** http-errors' name for `status`, which Nest's Express adapter reads (and http-errors writes). */
  statusCode: number;
  constructor(
    message: string,
    readonly status: number,
    readonly type: string,
  ) {
    super(message);
    this.statusCode = status;
  }
}

/** application/json (parameters aside): the only type the JSON parser below reads. */
const JSON_MEDIA_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * A request that carries a body in any other media type is refused (415) before anything reads it:
 * the API speaks JSON only, and a form or text body would otherwise reach a route as "no body at all"
 * (the JSON parser skips it) — a command with no body of its own would then run on a request whose
 * body nobody read.
 */
function refuseOtherMediaTypes(req: IncomingMessage, _res: unknown, next: (error?: unknown) => void): void {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  const type = req.headers['content-type'];
  if (hasBody && !JSON_MEDIA_TYPE.test(type ?? ''))
    return next(new BodyRefused(`request bodies must be application/json, not ${type ? type.split(';')[0]!.trim() : 'untyped'}`, 415, 'unsupported-media-type'));
  next();
}

/**
 * The nesting depth of a JSON text, by one pass over its bytes (brackets inside strings do not count).
 * Iterative on purpose: everything that walks a parsed body (the idempotency hash's canonical JSON,
 * zod, the Temporal payload converter, loggers) recurses, and a body 15,000 levels deep overflows
 * their stacks, so the depth must be known before the body is parsed at all. Stops early at `limit`.
 */
export function exceedsDepth(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * JSON bodies only (any other media type: 415), with explicit limits (Nest's default parsers are replaced: create the app with
 * `bodyParser: false`). A body over `maxBytes` is 413, malformed JSON 400, one nested deeper than
 * `maxDepth` 400 — all as problem+json through the ProblemDetails filter, before guards, interceptors
 * (the idempotency hash) or validation see it.
 */
export function applyBodyLimits(app: NestExpressApplication, limits: BodyLimits): void {
  app.use(refuseOtherMediaTypes);
  // express.json itself: Nest's useBodyParser() hides body-parser's `verify`, which runs on the raw bytes.
  app.use(
    json({
      limit: limits.maxBytes,
      verify: (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string) => {
        // The byte scan below reads UTF-8; JSON between systems is UTF-8 anyway (RFC 8259 §8.1).
        if (encoding !== 'utf-8' && encoding !== 'utf8')
          throw new BodyRefused(`JSON bodies must be UTF-8, not ${encoding}`, 415, 'unsupported-charset');
        if (exceedsDepth(body, limits.maxDepth))
          throw new BodyRefused(
            `the request body nests objects or arrays deeper than ${limits.maxDepth} levels`,
            400,
            'body-too-deep',
          );
      },
    }),
  );
}
