/**
 * Malformed request bodies derived from a route's JSON Schema (the OpenAPI document's request body,
 * which @nestjs/swagger emits from the route's zod schema): wrong JSON types for every field, missing
 * required fields, unknown fields at every object level, bad text, out-of-range numbers, plus bodies
 * that are wrong whatever the route (not JSON, not an object, too deep, too big). Deterministic: every
 * choice comes from a seeded generator, so a failure names a body that can be sent again.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
}

export interface HostileBody {
  /** What the body is, for the failure message. */
  label: string;
  /** The raw body text (sent as is). */
  text: string;
  contentType: string;
}

/** mulberry32: a tiny seeded PRNG (deterministic runs; no dependency for twelve lines). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) s = components[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length === 1) return resolve({ ...s, allOf: undefined, ...s.allOf[0] }, components);
  return s;
}

/** Raw JSON fragments that JSON.stringify cannot write: placed through a sentinel string, swapped in after. */
const RAW = '\u0001raw:';
const raw = (fragment: string): string => `${RAW}${fragment}\u0001`;
const rawText = (value: unknown): string =>
  JSON.stringify(value).replace(/"\\u0001raw:((?:[^"\\]|\\.)*?)\\u0001"/g, (_m, fragment: string) => JSON.parse(`"${fragment}"`) as string);

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON types a schema accepts (any type when the schema does not say). */
function typesOf(schema: JsonSchema, components: Record<string, JsonSchema>): Set<JsonType> | 'any' {
  const s = resolve(schema, components);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const all = new Set<JsonType>();
    for (const v of variants) {
      const t = typesOf(v, components);
      if (t === 'any') return 'any';
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  const out = new Set<JsonType>();
  if (s.enum || s.const !== undefined)
    for (const v of s.enum ?? [s.const]) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
  else if (s.type) for (const t of [s.type].flat()) out.add(t as JsonType);
  else if (s.properties) out.add('object');
  else return 'any';
  if (out.has('integer')) out.add('number');
  if (s.nullable) out.add('null');
  return out;
}

/** A plausible value for the schema: the base that one field at a time is then broken in. */
export function sample(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): unknown {
  const s = resolve(schema, components);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return sample(variants.find((v) => resolve(v, components).type !== 'null') ?? variants[0]!, components, depth);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = [s.type ?? (s.properties ? 'object' : 'string')].flat().find((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth < 6) for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, components, depth + 1);
      return out;
    }
    case 'array':
      return depth < 6 && s.items ? Array.from({ length: Math.max(s.minItems ?? 1, 1) }, () => sample(s.items!, components, depth + 1)) : [];
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    default:
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (s.format === 'date') return '2000-01-01';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'x'.repeat(Math.min(Math.max(s.minLength ?? 1, 1), 64));
  }
}

const HUGE = 'h'.repeat(40_000); // under BODY_LIMIT (100kb): it must reach validation, not the parser's size check

/** Values of the wrong JSON type, or of the right type but bad content, for one field. */
function wrongValues(schema: JsonSchema, components: Record<string, JsonSchema>): [string, unknown][] {
  const s = resolve(schema, components);
  const types = typesOf(s, components);
  const has = (t: JsonType) => types === 'any' || types.has(t);
  const out: [string, unknown][] = [];
  const candidates: [JsonType, string, unknown][] = [
    ['string', 'a string', 'not-a-valid-value'],
    ['number', 'a number', 12345],
    ['boolean', 'a boolean', true],
    ['null', 'null', null],
    ['object', 'an object', { nested: 'x' }],
    ['array', 'an array', ['x', 1]],
  ];
  for (const [t, label, value] of candidates) if (!has(t)) out.push([label, value]);
  if (types !== 'any' && types.has('integer') && !s.type?.includes('number')) out.push(['a fraction', 1.5]);
  if (has('string') && !s.enum && s.const === undefined) {
    out.push(['a huge string', HUGE]);
    out.push(['U+0000', 'a\u0000b']);
    out.push(['U+0007', 'bell\u0007']);
    out.push(['U+0085', 'next\u0085line']);
    out.push(['a lone high surrogate', raw('"x\\ud800y"')]);
    out.push(['a lone low surrogate', raw('"\\udfff"')]);
  }
  if (has('string') && s.enum) out.push(['a value not in the enum', 'definitely-not-one-of-them']);
  if (has('number') && !has('string')) {
    out.push(['1e400 (Infinity)', raw('1e400')]);
    out.push(['-1e400 (-Infinity)', raw('-1e400')]);
    out.push(['"NaN"', 'NaN']);
    out.push(['"Infinity"', 'Infinity']);
    out.push(['2^53 + 1', raw('9007199254740993')]);
    out.push(['-1e21', -1e21]);
    if (s.minimum !== undefined) out.push(['below the minimum', s.minimum - 1]);
    if (s.maximum !== undefined) out.push(['above the maximum', s.maximum + 1]);
    if (s.exclusiveMinimum !== undefined) out.push(['at the exclusive minimum', s.exclusiveMinimum]);
    if (s.exclusiveMaximum !== undefined) out.push(['at the exclusive maximum', s.exclusiveMaximum]);
  }
  return out;
}

interface Field {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** Every field of an object schema, nested objects and array items' objects included. */
function fieldsOf(schema: JsonSchema, components: Record<string, JsonSchema>, path: string[] = [], depth = 0): Field[] {
  const s = resolve(schema, components);
  if (depth > 4 || !s.properties) return [];
  const out: Field[] = [];
  for (const [name, child] of Object.entries(s.properties)) {
    const p = [...path, name];
    out.push({ path: p, schema: child, required: (s.required ?? []).includes(name) });
    const c = resolve(child, components);
    const objectLike = c.anyOf?.map((v) => resolve(v, components)).find((v) => v.properties) ?? c;
    out.push(...fieldsOf(objectLike, components, p, depth + 1));
    if (c.type === 'array' && c.items) out.push(...fieldsOf(c.items, components, [...p, '0'], depth + 1));
  }
  return out;
}

function withValue(base: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return undefined; // the base has no such object (a variant's field)
    at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

const JSON_TYPE = 'application/json';

/** Bodies that are wrong for any route: the parser, not a schema, must refuse them. */
export function genericBodies(maxDepth: number, limitBytes: number): HostileBody[] {
  const json = (label: string, text: string): HostileBody => ({ label, text, contentType: JSON_TYPE });
  return [
    json('null', 'null'),
    json('an empty array', '[]'),
    json('an array of objects', '[{"a":1},{"b":2}]'),
    json('a JSON string', '"hello"'),
    json('a JSON number', '42'),
    json('a JSON boolean', 'true'),
    json('truncated JSON', '{"a":'),
    json('an unclosed object', '{'),
    json('plain words', 'not json at all'),
    json('single-quoted keys', "{'a': 1}"),
    json('a trailing comma', '{"a":1,}'),
    json('NaN literal', '{"a":NaN}'),
    json('Infinity literal', '{"a":Infinity}'),
    json('a comment', '{"a":1 /* x */}'),
    json('a raw control character in a string', '{"a":"x\u0001y"}'),
    json('a byte-order mark then an object', '\ufeff{"a":1}'),
    json('a lone surrogate as a key', '{"\\ud800":1}'),
    json(`an object nested ${maxDepth + 1} levels`, `${'{"a":'.repeat(maxDepth + 1)}1${'}'.repeat(maxDepth + 1)}`),
    json(`an array nested ${maxDepth + 1} levels`, `${'['.repeat(maxDepth + 1)}${']'.repeat(maxDepth + 1)}`),
    json(`a body over the ${limitBytes}-byte limit`, JSON.stringify({ note: 'x'.repeat(limitBytes + 1024) })),
    json('__proto__ pollution', '{"__proto__":{"polluted":"yes"}}'),
    json('constructor.prototype pollution', '{"constructor":{"prototype":{"polluted":"yes"}}}'),
    { label: 'JSON sent as text/plain', text: '{"a":1}', contentType: 'text/plain' },
    { label: 'a form body', text: 'a=1&b[c]=2&__proto__[polluted]=yes', contentType: 'application/x-www-form-urlencoded' },
    {
      label: 'a multipart body',
      text: '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n',
      contentType: 'multipart/form-data; boundary=XyZ',
    },
    { label: 'JSON declared as UTF-16', text: '{"a":1}', contentType: 'application/json; charset=utf-16' },
    { label: 'XML', text: '<a>1</a>', contentType: 'application/xml' },
  ];
}

/** Bodies that break one thing at a time in an otherwise plausible body for the route's schema. */
export function schemaBodies(schema: JsonSchema, components: Record<string, JsonSchema>): HostileBody[] {
  const top = resolve(schema, components);
  // A body that is one of several shapes (a decision: grant, or deny with a reason): break each shape.
  const variants = top.oneOf ?? top.anyOf;
  if (variants) return variants.flatMap((v, i) => schemaBodies(v, components).map((b) => ({ ...b, label: `(shape ${i + 1}) ${b.label}` })));
  const base = sample(schema, components);
  const out: HostileBody[] = [];
  const add = (label: string, value: unknown) => {
    if (value !== undefined) out.push({ label, text: rawText(value), contentType: JSON_TYPE });
  };
  const resolved = resolve(schema, components);
  // An empty object is only wrong where something is required (elsewhere it is a valid command).
  if (resolved.required?.length) add('an empty object', {});
  add('an unknown top-level field', { ...(base as object), unexpectedField: 'x' });
  out.push({ label: 'a top-level __proto__ key', text: `{"__proto__":{"polluted":"yes"}${rawText(base) === '{}' ? '}' : `,${rawText(base).slice(1)}`}`, contentType: JSON_TYPE });
  add('a top-level constructor key', { ...(base as object), constructor: { prototype: { polluted: 'yes' } } });
  for (const field of fieldsOf(schema, components)) {
    const where = field.path.join('.');
    if (field.required) add(`${where} missing`, withValue(base, field.path, undefined, true));
    for (const [label, value] of wrongValues(field.schema, components)) add(`${where} as ${label}`, withValue(base, field.path, value));
    const c = resolve(field.schema, components);
    if (c.properties) {
      const current = withValue(base, field.path, undefined) && field.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], base);
      if (current && typeof current === 'object') {
        add(`an unknown field in ${where}`, withValue(base, field.path, { ...current, unexpectedNested: 1 }));
        add(`__proto__ in ${where}`, withValue(base, field.path, raw(`{"__proto__":{"polluted":"yes"},${JSON.stringify(current).slice(1)}`)));
      }
    }
  }
  return out;
}
