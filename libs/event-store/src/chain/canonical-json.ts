/**
 * Canonical JSON: object keys sorted (UTF-16 code unit order, as Array.prototype.sort), no
 * whitespace, values rendered as JSON.stringify renders them. Two equal JSON values always give the
 * same text, which is what a hash needs; a value read back from jsonb gives the same text as the
 * value that was written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    // JSON.stringify drops undefined and function members; so must we, or the text would differ
    // from what the database hands back.
    if (item === undefined || typeof item === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}
