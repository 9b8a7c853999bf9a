import { drawablePieces, isRightToLeftLanguage, splitByFont, UnsupportedScriptError, visualOrder } from './script-runs';

describe('splitByFont', () => {
  it('sends Han to the CJK font and Latin/Cyrillic/Arabic to the text font, keeping shared punctuation in place', () => {
    expect(splitByFont('证书编号 · Certificate No. · Сертификат №: BR-1')).toEqual([
      { text: '证书编号 ', font: 'cjk' },
      { text: '· Certificate No. · Сертификат №: BR-1', font: 'text' },
    ]);
    expect(splitByFont('合格线 pass mark 60（权重）')).toEqual([
      { text: '合格线 ', font: 'cjk' },
      { text: 'pass mark 60', font: 'text' },
      { text: '（权重）', font: 'cjk' },
    ]);
    expect(splitByFont('رقم الشهادة')).toEqual([{ text: 'رقم الشهادة', font: 'text' }]);
  });

  it('refuses scripts no certificate font can draw instead of printing empty boxes', () => {
    expect(() => splitByFont('Somchai สมชาย')).toThrow(UnsupportedScriptError);
    expect(() => splitByFont('नमस्ते')).toThrow(/U\+0928/);
  });
});

describe('visualOrder', () => {
  it('leaves left-to-right text alone', () => {
    expect(visualOrder('Level: Senior worker', 'ltr')).toEqual([{ direction: 'ltr', text: 'Level: Senior worker' }]);
  });

  it('puts RTL words in drawing order and keeps embedded LTR runs readable', () => {
    // Logical: "رقم الشهادة: BR-1". Drawn left to right: the code first, then the label's words last-to-first.
    expect(visualOrder('رقم الشهادة: BR-1', 'rtl')).toEqual([
      { direction: 'ltr', text: 'BR-1' },
      { direction: 'rtl', text: ' الشهادة: رقم' },
    ]);
  });

  it('keeps an Arabic phrase inside an LTR line in place, with its words reversed', () => {
    expect(visualOrder('Theory · النظري النهائي · 82', 'ltr').map((s) => s.text)).toEqual(['Theory · ', 'النهائي النظري', ' · 82']);
  });

  it('cuts RTL segments into words so pdfkit never shapes a word with its trailing space', () => {
    expect(drawablePieces({ direction: 'rtl', text: 'الشهادة رقم' })).toEqual(['الشهادة', ' ', 'رقم']);
    expect(drawablePieces({ direction: 'ltr', text: 'two words' })).toEqual(['two words']);
  });

  it('knows which languages are written right to left', () => {
    expect(['ar', 'fa-IR', 'ur', 'he'].map(isRightToLeftLanguage)).toEqual([true, true, true, true]);
    expect(['ru', 'kk', 'zh-Hans', 'uz-Latn', 'ku-Latn'].map(isRightToLeftLanguage)).toEqual([false, false, false, false, false]);
  });
});
