import bidiFactory from 'bidi-js';
import { MissingFontError } from './font-resolution';
import { slotOfChar, type FontSlot } from './font-slots';

export type { FontSlot } from './font-slots';

/**
 * pdfkit has no font fallback: a string drawn with one font shows empty boxes for the characters the
 * font lacks. Text is therefore cut into runs that each go to the font covering their script, and
 * the runs are put into visual order with the Unicode Bidirectional Algorithm (bidi-js) because
 * pdfkit draws strings left to right.
 */
export interface TextRun {
  text: string;
  font: FontSlot;
}

/** Whether a slot's font has a glyph for a character (neutral characters stay in a run whose font has them). */
export type Coverage = (slot: FontSlot, char: string) => boolean;

export class UnsupportedScriptError extends Error {
  override readonly name = 'UnsupportedScriptError';
  constructor(
    message: string,
    /** The first character no certificate font draws, as U+XXXX. */
    readonly codePoint: string,
  ) {
    super(message);
  }
}

const everything: Coverage = () => true;

/** A fallback font that is not installed simply does not cover the character. */
function fallbackCovers(covers: Coverage, slot: FontSlot, char: string): boolean {
  try {
    return covers(slot, char);
  } catch (error) {
    if (error instanceof MissingFontError) return false;
    throw error;
  }
}

function unsupported(char: string, text: string): UnsupportedScriptError {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return new UnsupportedScriptError(`no certificate font covers ${code} "${char}" in "${text}"`, code);
}

/**
 * The slot of each character. Script-specific characters go to their script's slot; shared ones
 * (digits, punctuation, spaces, combining marks, ZWJ/ZWNJ) join the run before them, else the one
 * after them, when that font has the glyph (so a Devanagari danda or an Arabic comma stays with its
 * words), and the text font otherwise. Throws on characters no font can draw, rather than printing
 * empty boxes.
 */
function slotsOf(chars: readonly string[], text: string, covers: Coverage): FontSlot[] {
  const own = chars.map((char) => {
    const slot = slotOfChar(char);
    if (slot === 'neutral') return slot;
    if (slot !== undefined && covers(slot, char)) return slot;
    // A script with no slot (a symbol, a rare script), or a letter the script's font lacks: the text
    // font may still have it. Every drawn character is checked, so no empty box (.notdef) is printed.
    if (fallbackCovers(covers, 'text', char)) return 'text';
    throw unsupported(char, text);
  });
  const slots: FontSlot[] = [];
  own.forEach((slot, i) => {
    if (slot !== 'neutral') {
      slots.push(slot);
      return;
    }
    const before = slots[i - 1];
    const after = own.slice(i + 1).find((s): s is FontSlot => s !== 'neutral');
    const char = chars[i]!;
    const choice = [before, after, 'text' as const, 'cjk' as const].find((slot) => slot !== undefined && fallbackCovers(covers, slot, char));
    if (!choice) throw unsupported(char, text);
    slots.push(choice);
  });
  return slots;
}

/** Splits text into runs by font, in logical order. */
export function splitByFont(text: string, covers: Coverage = everything): TextRun[] {
  const chars = [...text];
  const slots = slotsOf(chars, text, covers);
  const runs: TextRun[] = [];
  chars.forEach((char, i) => {
    const last = runs[runs.length - 1];
    if (last && last.font === slots[i]) last.text += char;
    else runs.push({ text: char, font: slots[i]! });
  });
  return runs;
}

export type TextDirection = 'ltr' | 'rtl';

/** One piece of a line, drawn with one font, in left-to-right drawing order. */
export interface DrawPiece {
  /** The string to hand to pdfkit/fontkit. */
  draw: string;
  /** The same text in logical (reading) order, for the PDF's ActualText. */
  logical: string;
  font: FontSlot;
  /** Whether fontkit will reverse the glyphs itself (it does so for Arabic, Hebrew and other RTL scripts). */
  shapedRightToLeft: boolean;
}

const bidi = bidiFactory();

/** fontkit takes the direction of a string from its first character of a specific script. */
const FIRST_SPECIFIC = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Wraps text in a first-strong isolate, so its direction does not leak onto the numbers and punctuation around it. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

function fontkitReverses(text: string): boolean {
  const first = FIRST_SPECIFIC.exec(text)?.[0];
  return first !== undefined && RTL_SCRIPT.test(first);
}

/**
 * Lays out one line: bidi embedding levels (UAX #9, via bidi-js), runs of one level and one font,
 * runs reordered for display (rule L2), and each run's string prepared so that fontkit's own
 * behaviour gives the right visual result: fontkit shapes a string in logical order and reverses
 * RTL-script runs itself, so those are handed over in logical order (their joining depends on it);
 * a right-to-left run fontkit would not reverse (only neutrals, e.g. ": ") is reversed here, and a
 * left-to-right run it would reverse (Arabic-Indic digits) is pre-reversed.
 */
export function layoutLine(text: string, paragraph: TextDirection, covers: Coverage = everything): DrawPiece[] {
  const { levels } = bidi.getEmbeddingLevels(text, paragraph);
  // bidi-js levels are per UTF-16 unit; take each code point's level at its first unit. Bidi controls
  // (isolates, marks) have done their work once the levels are known and are not drawn.
  const chars: string[] = [];
  const levelOf: number[] = [];
  let unit = 0;
  for (const char of text) {
    if (!BIDI_CONTROL.test(char)) {
      chars.push(char);
      levelOf.push(levels[unit]!);
    }
    unit += char.length;
  }
  const slots = slotsOf(chars, text, covers);

  interface Run {
    chars: string[];
    level: number;
    font: FontSlot;
  }
  const runs: Run[] = [];
  chars.forEach((char, i) => {
    const last = runs[runs.length - 1];
    if (last && last.level === levelOf[i] && last.font === slots[i]) last.chars.push(char);
    else runs.push({ chars: [char], level: levelOf[i]!, font: slots[i]! });
  });

  // UAX #9 L2: from the highest level down to the lowest odd level, reverse every maximal sequence of
  // runs at that level or higher. Each run's own characters are handled below.
  const ordered = [...runs];
  const highest = Math.max(0, ...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), Infinity);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < ordered.length; ) {
      if (ordered[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < ordered.length && ordered[end]!.level >= level) end++;
      ordered.splice(i, end - i, ...ordered.slice(i, end).reverse());
      i = end;
    }
  }

  return ordered.map((run) => {
    const logical = run.chars.join('');
    const rtl = run.level % 2 === 1;
    const reverses = fontkitReverses(logical);
    // Brackets in right-to-left runs are mirrored here (UAX #9 L4): fontkit reverses glyphs but does not mirror them.
    const chars = rtl ? run.chars.map((c) => bidi.getMirroredCharacter(c) ?? c) : run.chars;
    const draw = rtl === reverses ? chars.join('') : [...chars].reverse().join('');
    return { draw: run.font === 'myanmar' ? myanmarVisualOrder(draw) : draw, logical, font: run.font, shapedRightToLeft: reverses };
  });
}

const MYANMAR_BASE = /[\u1000-\u102A\u103F\u104E\u1050-\u1055\u105A-\u105D\u1061\u1065\u1066\u106E-\u1070\u1075-\u1081\u108E\u25CC]/u;
const MYANMAR_PREBASE = /[\u1031\u103C\u1084]/u;

/**
 * fontkit has no Myanmar shaper, so the vowel sign E (U+1031) and medial RA (U+103C), which are typed
 * after their consonant but drawn before it, are moved to the start of their syllable here (as
 * HarfBuzz's Myanmar shaper does). A consonant after the stacker U+1039 belongs to the syllable before.
 * The PDF's ActualText keeps the logical order for text extraction.
 */
export function myanmarVisualOrder(text: string): string {
  const out: string[] = [];
  let syllableStart = 0;
  for (const char of text) {
    if (MYANMAR_BASE.test(char) && out[out.length - 1] !== '\u1039') syllableStart = out.length;
    else if (!/\p{Script=Myanmar}|\p{Mn}|\u200C|\u200D/u.test(char)) syllableStart = out.length + 1;
    if (MYANMAR_PREBASE.test(char)) out.splice(syllableStart, 0, char);
    else out.push(char);
  }
  return out.join('');
}

export function isRightToLeftLanguage(language: string): boolean {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return ['ar', 'fa', 'ur', 'he', 'ps', 'ug', 'ku', 'sd', 'dv', 'yi'].includes(primary) && !/-latn\b/i.test(language) && !/-cyrl\b/i.test(language);
}

/** Characters a name may hold besides letters of the scripts above: joiners and bidi marks. */
const NAME_FORMAT_CHARS = /^(\u200C|\u200D|\u200E|\u200F)$/u;

/**
 * The first character of a name that the certificate cannot print, as U+XXXX, or undefined. Checked
 * when a candidate is registered, so nothing is certified that its PDF would then refuse: letters of
 * a script no certificate font covers, symbols and emoji, control, private-use and unassigned code
 * points. Letters, marks, digits, spaces and punctuation of the covered scripts pass.
 */
export function unprintableNameCharacter(name: string): string | undefined {
  for (const char of name) {
    const slot = slotOfChar(char);
    const printable = slot !== undefined && (!/[\p{S}\p{C}]/u.test(char) || NAME_FORMAT_CHARS.test(char));
    if (!printable) return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}
