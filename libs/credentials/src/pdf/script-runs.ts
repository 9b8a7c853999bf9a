/**
 * pdfkit has no font fallback: a string drawn with one font shows empty boxes for the characters the
 * font lacks. Text is therefore cut into runs that each go to the font covering their script, and
 * right-to-left runs are put into visual order here because pdfkit lays words out left to right.
 */
export type FontSlot = 'text' | 'cjk';

export interface TextRun {
  text: string;
  font: FontSlot;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;
/** Scripts DejaVu Sans draws (plus digits, punctuation and combining marks shared by all scripts). */
const TEXT_FONT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Common}\p{Script=Inherited}]/u;
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const LTR_STRONG = /[\p{L}\p{Nd}]/u;

export class UnsupportedScriptError extends Error {
  override readonly name = 'UnsupportedScriptError';
}

/** Splits by font. Throws on characters neither font can draw, rather than printing empty boxes. */
export function splitByFont(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const font: FontSlot | undefined = CJK.test(char) ? 'cjk' : TEXT_FONT.test(char) ? 'text' : undefined;
    if (!font) {
      const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new UnsupportedScriptError(`no certificate font covers U+${code} "${char}" in "${text}"`);
    }
    // ASCII spaces, digits and punctuation exist in both fonts: they stay in the current run so a line
    // does not fragment; any other character switches to the font that covers it.
    const last = runs[runs.length - 1];
    const sharedNeutral = font === 'text' && /[\u0020-\u0040\u005B-\u0060\u007B-\u007E]/u.test(char);
    if (last && (last.font === font || sharedNeutral)) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}

export type TextDirection = 'ltr' | 'rtl';

export interface DirectionalSegment {
  text: string;
  direction: TextDirection;
}

/**
 * Minimal bidi for single lines: strong RTL letters form RTL segments, other letters and digits LTR
 * segments; neutrals between segments of one direction join them, others take the paragraph direction.
 * Returns the segments in visual (left-to-right drawing) order; an RTL segment's words are reversed,
 * and fontkit mirrors the letters inside each word when it shapes them.
 */
export function visualOrder(text: string, paragraph: TextDirection): DirectionalSegment[] {
  const chars = [...text];
  const classes = chars.map((c): TextDirection | 'neutral' => (RTL.test(c) ? 'rtl' : LTR_STRONG.test(c) ? 'ltr' : 'neutral'));
  const resolved: TextDirection[] = classes.map((cls, i) => {
    if (cls !== 'neutral') return cls;
    const before = classes.slice(0, i).reverse().find((c) => c !== 'neutral');
    const after = classes.slice(i + 1).find((c) => c !== 'neutral');
    return before && before === after ? before : paragraph;
  });
  const segments: DirectionalSegment[] = [];
  resolved.forEach((direction, i) => {
    const last = segments[segments.length - 1];
    if (last?.direction === direction) last.text += chars[i]!;
    else segments.push({ direction, text: chars[i]! });
  });
  const ordered = paragraph === 'rtl' ? segments.reverse() : segments;
  return ordered.map((s) => (s.direction === 'rtl' ? { ...s, text: s.text.split(/(\s+)/).reverse().join('') } : s));
}

/**
 * Cuts a segment into pieces pdfkit can draw one after another. RTL words are drawn one by one:
 * pdfkit shapes each word together with its trailing space, and fontkit's RTL reversal would move that
 * space to the wrong side of the word.
 */
export function drawablePieces(segment: DirectionalSegment): string[] {
  return segment.direction === 'rtl' ? segment.text.split(/(\s+)/).filter((p) => p.length > 0) : [segment.text];
}

export function isRightToLeftLanguage(language: string): boolean {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return ['ar', 'fa', 'ur', 'he', 'ps', 'ug', 'ku', 'sd', 'dv', 'yi'].includes(primary) && !/-latn\b/i.test(language) && !/-cyrl\b/i.test(language);
}
