import { isolate, isRightToLeftLanguage, layoutLine, myanmarVisualOrder, splitByFont, unprintableNameCharacter, UnsupportedScriptError, type Coverage } from './script-runs';

describe('splitByFont', () => {
  it('sends each script to its own font, and shared punctuation to the run it stands in', () => {
    expect(splitByFont('证书编号 · Certificate No. · Сертификат №: BR-1')).toEqual([
      { text: '证书编号 · ', font: 'cjk' },
      { text: 'Certificate No. · Сертификат №: BR-1', font: 'text' },
    ]);
    expect(splitByFont('Somchai สมชาย ใจดี')).toEqual([
      { text: 'Somchai ', font: 'text' },
      { text: 'สมชาย ใจดี', font: 'thai' },
    ]);
    // The danda (U+0964) is shared by Indic scripts: it stays with the Devanagari words before it.
    expect(splitByFont('रमेश । ক ᠪᠠᠲᠤ')).toEqual([
      { text: 'रमेश । ', font: 'devanagari' },
      { text: 'ক ', font: 'bengali' },
      { text: 'ᠪᠠᠲᠤ', font: 'mongolian' },
    ]);
  });

  it('moves a shared character to the text font when the script font lacks it', () => {
    const thaiLacksColon: Coverage = (slot, char) => !(slot === 'thai' && char === ':');
    expect(splitByFont('สมชาย: 1', thaiLacksColon)).toEqual([
      { text: 'สมชาย', font: 'thai' },
      { text: ': 1', font: 'text' },
    ]);
  });

  it('refuses characters no certificate font draws instead of printing empty boxes', () => {
    const textFontLacksHieroglyphs: Coverage = (slot, char) => !/\p{Script=Egyptian_Hieroglyphs}/u.test(char);
    expect(() => splitByFont('Ra 𓂀', textFontLacksHieroglyphs)).toThrow(UnsupportedScriptError);
    expect(() => splitByFont('Ra 𓂀', textFontLacksHieroglyphs)).toThrow(/U\+13080/);
  });
});

describe('layoutLine', () => {
  const draws = (text: string, direction: 'ltr' | 'rtl') => layoutLine(text, direction).map((p) => p.draw);

  it('leaves left-to-right text alone', () => {
    expect(layoutLine('Level: Senior worker', 'ltr')).toEqual([{ draw: 'Level: Senior worker', logical: 'Level: Senior worker', font: 'text', shapedRightToLeft: false }]);
  });

  it('hands Arabic runs to fontkit in logical order (it shapes and reverses them) and orders the runs right to left', () => {
    // Logical "رقم الشهادة: BR-1" in an RTL paragraph: drawn left to right, the code comes first.
    const pieces = layoutLine('رقم الشهادة: BR-1', 'rtl');
    expect(pieces.map((p) => p.logical)).toEqual(['BR-1', 'رقم الشهادة: ']);
    expect(pieces.find((p) => p.font === 'arabic')).toMatchObject({ draw: 'رقم الشهادة: ', shapedRightToLeft: true });
  });

  it('follows UAX #9 for numbers after Arabic, and keeps an isolated Arabic phrase to itself', () => {
    // Without an isolate, "82" after Arabic letters is an Arabic number and goes to the Arabic's left.
    expect(layoutLine('Theory · النظري النهائي · 82', 'ltr').map((p) => p.logical)).toEqual(['Theory · ', '82', 'النظري النهائي · ']);
    // Isolated (as the certificate does with each language's wording), the phrase stays in its place and is not drawn with the controls.
    expect(layoutLine(`Theory · ${isolate('النظري النهائي')} · 82`, 'ltr').map((p) => p.logical)).toEqual(['Theory · ', 'النظري النهائي', ' · 82']);
  });

  it('mirrors brackets in right-to-left runs, and reverses the runs fontkit would not reverse itself', () => {
    // Logical "אבג (1)" shows as "(1) גבא": the closing bracket, alone in its run, is reversed and
    // mirrored here; the opening one is mirrored and left for fontkit to reverse with the Hebrew.
    expect(draws('אבג (1)', 'rtl')).toEqual(['(', '1', 'אבג )']);
    expect(layoutLine('אבג (1)', 'rtl').map((p) => p.logical)).toEqual([')', '1', 'אבג (']);
  });

  it('knows which languages are written right to left', () => {
    expect(['ar', 'fa-IR', 'ur', 'he'].map(isRightToLeftLanguage)).toEqual([true, true, true, true]);
    expect(['ru', 'kk', 'zh-Hans', 'uz-Latn', 'ku-Latn'].map(isRightToLeftLanguage)).toEqual([false, false, false, false, false]);
  });
});

describe('myanmarVisualOrder', () => {
  it('draws the vowel sign E and medial RA before their consonant, as a Myanmar shaper would', () => {
    // အော = အ + ေ + ာ: ေ is drawn first. ကြ = က + ြ: ြ is drawn first. ကြေ: ေ, then ြ, then က.
    expect(myanmarVisualOrder('အောင်')).toBe('ေအာင်');
    expect(myanmarVisualOrder('စုကြည်')).toBe('စုြကည်');
    expect(myanmarVisualOrder('ကြေး')).toBe('ေြကး');
    expect(myanmarVisualOrder('a ကေ')).toBe('a ေက');
  });
});

describe('unprintableNameCharacter', () => {
  it('accepts names in the covered scripts, with their punctuation and joiners', () => {
    for (const name of ['สมชาย ใจดี', 'ශ්\u200Dරී', "O'Brien-Smith Jr.", 'محمد عبد الله', 'ᠪᠠᠲᠤ', 'Nguyễn Thị', '王小明', 'Ольга Щ.']) {
      expect(unprintableNameCharacter(name)).toBeUndefined();
    }
  });

  it('names the first character no certificate font is meant to draw', () => {
    expect(unprintableNameCharacter('Ra 𓂀')).toBe('U+13080');
    expect(unprintableNameCharacter('Anna 😀')).toBe('U+1F600');
    expect(unprintableNameCharacter('Anna\u0007')).toBe('U+0007');
    expect(unprintableNameCharacter('ⵜⴰⵎⴰⵣⵉⵖⵜ')).toBe('U+2D5C');
  });
});
