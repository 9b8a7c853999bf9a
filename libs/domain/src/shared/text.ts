import { z } from 'zod';

/**
 * Text that people typed, as the domain accepts it. Names, notes and reasons end up in the event
 * store, projections, PDFs and credentials; a NUL breaks PostgreSQL text columns, other controls
 * corrupt documents and logs, and a lone UTF-16 surrogate (JSON allows the escape "\ud800") is
 * silently turned into U+FFFD by every UTF-8 encoder on the way (Temporal payloads, Postgres), so
 * what we would record is not what was sent. Such text is refused at the edge instead.
 *
 * Refused everywhere: C0 controls (U+0000–U+001F), DEL and C1 controls (U+007F–U+009F), lone
 * surrogates. Multi-line fields (notes, reasons) keep the layout characters TAB, LF and CR.
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// With the u flag a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const codePoint = (ch: string): string => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not acceptable text, or undefined when it is. */
export function textProblem(value: string, options: { multiline?: boolean } = {}): string | undefined {
  const control = (options.multiline ? CONTROL_BUT_LAYOUT : CONTROL).exec(value);
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index}`;
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `is not well-formed Unicode (lone surrogate ${codePoint(surrogate[0])} at position ${surrogate.index})`;
  return undefined;
}

function checked(multiline: boolean) {
  return z.string().check((ctx) => {
    const problem = textProblem(ctx.value, { multiline });
    if (problem) ctx.issues.push({ code: 'custom', message: `the text ${problem}`, input: ctx.value });
  });
}

/** One line of text: names, identifiers chosen by clients, short labels. Chain `.trim().min().max()` as needed. */
export const Text = checked(false);
/** Free text that may span lines (notes, reasons): TAB, LF and CR are allowed, other controls are not. */
export const MultilineText = checked(true);

/** A required name: trimmed, not empty, no controls. */
export const Name = (max = 200) => Text.trim().min(1, 'a name is required').max(max);

/**
 * The first string anywhere in `value` (object keys included) that is not acceptable text, with its
 * path, e.g. `candidate.fullName`. Layout characters are let through: this is the safety net for
 * values no field schema has seen (the event store's write path, unvalidated route parameters).
 */
export function findBadText(value: unknown, path: (string | number)[] = []): { path: string; problem: string } | undefined {
  const where = (p: (string | number)[]) => p.map((k) => String(k)).join('.') || '(root)';
  if (typeof value === 'string') {
    const problem = textProblem(value, { multiline: true });
    return problem ? { path: where(path), problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const keyProblem = textProblem(key, { multiline: false });
      if (keyProblem) return { path: where([...path, key]), problem: `has a field name that ${keyProblem}` };
      const found = findBadText(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
