import { exceedsDepth } from './body-limits';

const depthOk = (text: string, limit: number) => !exceedsDepth(Buffer.from(text, 'utf8'), limit);

describe('exceedsDepth', () => {
  it('counts nested objects and arrays', () => {
    expect(depthOk('{"a":[{"b":[1]}]}', 4)).toBe(true);
    expect(depthOk('{"a":[{"b":[1]}]}', 3)).toBe(false);
    expect(depthOk('1', 0)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depthOk('{"a":"[[[{{{"}', 1)).toBe(true);
    expect(depthOk('{"a":"\\"[[[\\\\"}', 1)).toBe(true);
    expect(depthOk('{"a":"\\\\","b":[[1]]}', 2)).toBe(false);
  });

  it('reads UTF-8 text with multi-byte characters', () => {
    expect(depthOk('{"名前":"[[李]]","b":[1]}', 2)).toBe(true);
  });

  it('stops at the limit on a body 15,000 levels deep', () => {
    expect(depthOk('['.repeat(15_000) + ']'.repeat(15_000), 32)).toBe(false);
  });
});
