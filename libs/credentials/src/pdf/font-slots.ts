/**
 * Which font draws which Unicode script on the certificate. pdfkit has no font fallback, so every
 * run of text is drawn with the slot that covers its script. Fonts come from Debian's packages
 * (fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk); docs/certificate-fonts.md lists the coverage.
 */
export type FontSlot =
  | 'text'
  | 'cjk'
  | 'arabic'
  | 'hebrew'
  | 'armenian'
  | 'georgian'
  | 'thai'
  | 'lao'
  | 'khmer'
  | 'myanmar'
  | 'devanagari'
  | 'bengali'
  | 'gurmukhi'
  | 'gujarati'
  | 'oriya'
  | 'tamil'
  | 'telugu'
  | 'kannada'
  | 'malayalam'
  | 'sinhala'
  | 'ethiopic'
  | 'mongolian'
  | 'thaana';

export interface FontCandidate {
  path: string;
  postscriptName?: string;
  debianPackage: string;
}

export interface FontSlotSpec {
  /** Human name used in error messages. */
  label: string;
  /** Unicode scripts (Script property values) this slot draws. */
  scripts: readonly string[];
  /** Family name fontconfig knows the font by, for machines where the Debian path does not exist. */
  family: string;
  regular: readonly FontCandidate[];
  bold: readonly FontCandidate[];
  /**
   * OpenType features to request besides fontkit's defaults. fontkit has no Myanmar shaper (it uses
   * its default shaper there), so the features a Myanmar shaper would apply are asked for explicitly.
   */
  features?: readonly string[];
  /**
   * Shaping may put glyphs out of text order (Indic pre-base vowels and reph, Khmer coeng, the
   * Myanmar reordering): such runs carry their text as ActualText so extraction gives it back.
   */
  reorders?: true;
}

const NOTO = '/usr/share/fonts/truetype/noto';
const DEJAVU = '/usr/share/fonts/truetype/dejavu';

/** A Noto family from fonts-noto-core, regular and bold, with DejaVu as a fallback where it covers the script. */
function noto(
  label: string,
  file: string,
  scripts: string[],
  options: { dejavuFallback?: boolean; noBold?: boolean; features?: string[]; alternatives?: string[]; reorders?: true } = {},
): FontSlotSpec {
  const files = [file, ...(options.alternatives ?? [])];
  const at = (name: string, style: string): FontCandidate => ({ path: `${NOTO}/${name}-${style}.ttf`, debianPackage: 'fonts-noto-core' });
  const dejavu = (style: string): FontCandidate[] =>
    options.dejavuFallback ? [{ path: `${DEJAVU}/DejaVuSans${style === 'Bold' ? '-Bold' : ''}.ttf`, debianPackage: 'fonts-dejavu-core' }] : [];
  return {
    label,
    scripts,
    family: file.replace(/([a-z])([A-Z])/g, '$1 $2'),
    regular: [...files.map((f) => at(f, 'Regular')), ...dejavu('Regular')],
    bold: options.noBold ? [] : [...files.map((f) => at(f, 'Bold')), ...dejavu('Bold')],
    ...(options.features ? { features: options.features } : {}),
    ...(options.reorders ? { reorders: true as const } : {}),
  };
}

export const FONT_SLOTS: Record<FontSlot, FontSlotSpec> = {
  // DejaVu Sans stays the face of the Latin, Greek and Cyrillic text (and of digits and punctuation).
  text: {
    label: 'Latin, Greek and Cyrillic',
    scripts: ['Latin', 'Greek', 'Cyrillic', 'Common', 'Inherited'],
    family: 'DejaVu Sans',
    regular: [
      { path: `${DEJAVU}/DejaVuSans.ttf`, debianPackage: 'fonts-dejavu-core' },
      { path: `${NOTO}/NotoSans-Regular.ttf`, debianPackage: 'fonts-noto-core' },
    ],
    bold: [
      { path: `${DEJAVU}/DejaVuSans-Bold.ttf`, debianPackage: 'fonts-dejavu-core' },
      { path: `${NOTO}/NotoSans-Bold.ttf`, debianPackage: 'fonts-noto-core' },
    ],
  },
  cjk: {
    label: 'Chinese, Japanese and Korean',
    scripts: ['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'],
    family: 'Noto Sans CJK SC',
    regular: [
      { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
      { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei', debianPackage: 'fonts-wqy-zenhei' },
    ],
    bold: [
      { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold', debianPackage: 'fonts-noto-cjk' },
      { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
      { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei', debianPackage: 'fonts-wqy-zenhei' },
    ],
  },
  // Naskh is the usual book face for Arabic, Persian and Urdu; it has the Persian and Urdu letters.
  arabic: noto('Arabic (Arabic, Persian, Urdu)', 'NotoNaskhArabic', ['Arabic'], { alternatives: ['NotoSansArabic'], dejavuFallback: true }),
  hebrew: noto('Hebrew', 'NotoSansHebrew', ['Hebrew'], { dejavuFallback: true }),
  armenian: noto('Armenian', 'NotoSansArmenian', ['Armenian'], { dejavuFallback: true }),
  georgian: noto('Georgian', 'NotoSansGeorgian', ['Georgian'], { dejavuFallback: true }),
  thai: noto('Thai', 'NotoSansThai', ['Thai']),
  lao: noto('Lao', 'NotoSansLao', ['Lao']),
  khmer: noto('Khmer', 'NotoSansKhmer', ['Khmer'], { reorders: true }),
  myanmar: noto('Myanmar', 'NotoSansMyanmar', ['Myanmar'], { features: ['pref', 'blwf', 'pstf', 'pres', 'abvs', 'blws', 'psts'], reorders: true }),
  devanagari: noto('Devanagari', 'NotoSansDevanagari', ['Devanagari'], { reorders: true }),
  bengali: noto('Bengali', 'NotoSansBengali', ['Bengali'], { reorders: true }),
  gurmukhi: noto('Gurmukhi', 'NotoSansGurmukhi', ['Gurmukhi'], { reorders: true }),
  gujarati: noto('Gujarati', 'NotoSansGujarati', ['Gujarati'], { reorders: true }),
  oriya: noto('Oriya', 'NotoSansOriya', ['Oriya'], { reorders: true }),
  tamil: noto('Tamil', 'NotoSansTamil', ['Tamil'], { reorders: true }),
  telugu: noto('Telugu', 'NotoSansTelugu', ['Telugu'], { reorders: true }),
  kannada: noto('Kannada', 'NotoSansKannada', ['Kannada'], { reorders: true }),
  malayalam: noto('Malayalam', 'NotoSansMalayalam', ['Malayalam'], { reorders: true }),
  sinhala: noto('Sinhala', 'NotoSansSinhala', ['Sinhala'], { reorders: true }),
  ethiopic: noto('Ethiopic', 'NotoSansEthiopic', ['Ethiopic']),
  // Only a regular weight exists. Mongolian is printed horizontally (joined), not in vertical columns.
  mongolian: noto('Mongolian', 'NotoSansMongolian', ['Mongolian'], { noBold: true }),
  thaana: noto('Thaana (Dhivehi)', 'NotoSansThaana', ['Thaana']),
};

const SCRIPT_TO_SLOT = new Map<string, FontSlot>(
  (Object.entries(FONT_SLOTS) as [FontSlot, FontSlotSpec][]).flatMap(([slot, spec]) => spec.scripts.map((script) => [script, slot] as const)),
);

/** One regex per script, built once: `\p{Script=…}` is the Unicode Script property. */
const SCRIPT_TESTS: [RegExp, FontSlot][] = [...SCRIPT_TO_SLOT.entries()]
  .filter(([script]) => script !== 'Common' && script !== 'Inherited')
  .map(([script, slot]) => [new RegExp(`^\\p{Script=${script}}$`, 'u'), slot]);

const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * The slot for a character's script; `neutral` for characters shared by scripts (digits, punctuation,
 * spaces, combining marks, joiners), which take their neighbours' font; undefined for scripts no slot covers.
 */
export function slotOfChar(char: string): FontSlot | 'neutral' | undefined {
  if (NEUTRAL.test(char)) return 'neutral';
  for (const [test, slot] of SCRIPT_TESTS) if (test.test(char)) return slot;
  return undefined;
}
