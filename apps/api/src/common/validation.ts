import { BadRequestException, StandardSchemaValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findBadText } from '@corridor/domain';

type Issue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string };

function pathOf(path: Issue['path'], where = '(body)'): string {
  return (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || where;
}

// zod reports unknown fields on their parent ("Unrecognized keys: "a", "b"" at candidate); Standard
// Schema issues carry no key list, so the names are read back from the message to name each field.
const UNRECOGNIZED = /^Unrecognized keys?: (.+)$/;

function errorsOf(issue: Issue): { path: string; message: string }[] {
  const unknown = UNRECOGNIZED.exec(issue.message);
  if (!unknown) return [{ path: pathOf(issue.path), message: issue.message }];
  const parent = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
  const keys = [...unknown[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  return keys.map((key) => ({ path: [...parent, key].join('.'), message: 'unknown field' }));
}

function badRequest(errors: { path: string; message: string }[]): BadRequestException {
  return new BadRequestException({
    type: 'problem',
    title: 'invalid request',
    detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    code: 'invalid-request',
    errors,
  });
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where the first own key named like a prototype link is (`candidate.__proto__`), if any. Iterative: bodies are depth-bounded, queries are not walked by anything else. */
function prototypeKeyIn(value: unknown): string | undefined {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      if (PROTOTYPE_KEYS.has(key)) return [...path, key].join('.');
      stack.push([(current as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return undefined;
}

/**
 * Nest's pipe deletes `__proto__`, `constructor` and `prototype` keys before validating, so a strict
 * schema never sees them and a body carrying them was accepted as if they were not there (a decision
 * `{"__proto__":…,"decision":"deny",…}` denied the application). They are unknown fields like any
 * other: refuse the request instead of silently editing it.
 */
class StrictSchemaPipe extends StandardSchemaValidationPipe {
  protected override stripProtoKeys(value: unknown): void {
    const path = prototypeKeyIn(value);
    if (path) throw badRequest([{ path, message: 'unknown field' }]);
  }
}

const schemaPipe = new StrictSchemaPipe({
  exceptionFactory: (issues) => badRequest((issues as Issue[]).flatMap(errorsOf)),
});

/**
 * zod (Standard Schema) validation at the edge: 400 naming each bad field, nothing else happens.
 * After the route's schema, every body, query and path value is checked for control characters and
 * ill-formed Unicode (see libs/domain shared/text): the field schemas say it per field, this is the
 * net for values no schema describes (e.g. a path parameter taken as it is).
 */
class EdgeValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const parsed: unknown = await schemaPipe.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const bad = findBadText(value);
      if (bad) {
        const base = metadata.type !== 'body' && metadata.data ? [metadata.data] : [];
        const path = bad.path === '(root)' ? base.join('.') || '(body)' : [...base, bad.path].join('.');
        throw badRequest([{ path, message: `the text ${bad.problem}` }]);
      }
    }
    return parsed;
  }
}

export const validationPipe = new EdgeValidationPipe();
