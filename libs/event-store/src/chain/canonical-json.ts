/**
 * Canonical JSON: object keys sorted (UTF-16 code unit order, as Array.prototype.sort), no
 * whitespace, values rendered as JSON.stringify renders them. Two equal JSON values always give the
 * same text, which is what a hash needs; a value read back from jsonb gives the same text as the
 * value that was written. Hot on every verified read, hence the hand-rolled string handling.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
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
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    // JSON.stringify drops undefined and function members; so must we, or the text would differ
    // from what the database hands back.
    if (item === undefined || typeof item === 'function') continue;
    out += (first ? '' : ',') + quote(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

/** Whether JSON.stringify would escape something: quote, backslash, controls, surrogates (when unpaired). */
function needsEscaping(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

function quote(text: string): string {
  return needsEscaping(text) ? JSON.stringify(text) : `"${text}"`;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  // undefined at the top level becomes null, as a missing value does in an array.
  return JSON.stringify(value ?? null);
}
