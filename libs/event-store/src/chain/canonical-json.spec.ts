import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops what JSON drops', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined, f: () => 1 }),
    ).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('renders strings, numbers and dates exactly as JSON.stringify does', () => {
    const samples: unknown[] = [
      'plain',
      'quote " and \\ backslash',
      'line\nbreak\u0001',
      'emoji 😀',
      'lone \ud800',
      'ünïcødé',
      1e21,
      -0,
      0.1 + 0.2,
      NaN,
      true,
      new Date(0),
    ];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(JSON.stringify(sample));
    expect(canonicalJson({ 'k"ey': 'v', é: 1 })).toBe(`{${JSON.stringify('k"ey')}:"v","é":1}`);
  });

  it('gives equal text for equal values whatever the key order (jsonb hands keys back in its own order)', () => {
    const value = {
      level: 'senior',
      at: '2024-01-01T00:00:00.000Z',
      candidate: { id: 'c', fullName: 'Ana' },
    };
    const reordered = JSON.parse(
      '{"at":"2024-01-01T00:00:00.000Z","level":"senior","candidate":{"fullName":"Ana","id":"c"}}',
    ) as unknown;
    expect(canonicalJson(reordered)).toBe(canonicalJson(value));
  });
});
