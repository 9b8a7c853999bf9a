import { findBadText, MultilineText, Name, Text } from './text';

describe('text at the edge', () => {
  it('refuses NUL and other controls in one-line text, naming the character', () => {
    const nul = Name().safeParse('Aigerim\u0000Sadykova');
    expect(nul.success).toBe(false);
    expect(nul.error?.issues[0]?.message).toMatch(/U\+0000 at position 7/);
    expect(Text.safeParse('a\u0085b').success).toBe(false); // C1 (NEL)
    expect(Text.safeParse('a\u007Fb').success).toBe(false); // DEL
    expect(Text.safeParse('two\nlines').success).toBe(false);
  });

  it('refuses a lone surrogate instead of letting encoders turn it into U+FFFD', () => {
    expect(Name().safeParse('x\ud800y').error?.issues[0]?.message).toMatch(/lone surrogate U\+D800/);
    expect(Text.safeParse('x\udc00').success).toBe(false);
  });

  it('keeps well-formed text of any script, emoji (surrogate pairs) included, trimmed', () => {
    expect(Name().parse('  Айгерим 艾格林 😀 ')).toBe('Айгерим 艾格林 😀');
    expect(Text.safeParse('\uFFFD').success).toBe(true);
  });

  it('lets multi-line text keep TAB, LF and CR but nothing else', () => {
    expect(MultilineText.safeParse('line one\r\n\tline two').success).toBe(true);
    expect(MultilineText.safeParse('bell\u0007').success).toBe(false);
  });

  it('finds bad text anywhere in a value, with its path', () => {
    expect(findBadText({ candidate: { fullName: 'a\u0000' } })).toMatchObject({ path: 'candidate.fullName' });
    expect(findBadText({ items: ['ok', 'x\ud800'] })).toMatchObject({ path: 'items.1' });
    expect(findBadText({ ['bad\u0000key']: 1 })?.problem).toMatch(/field name/);
    expect(findBadText({ note: 'fine\nand multi-line', n: 3, d: null })).toBeUndefined();
  });
});
