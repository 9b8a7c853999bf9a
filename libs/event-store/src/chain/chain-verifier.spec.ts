import { ChainVerifier } from './chain-verifier';
import { eventHash, type HashedFields } from './event-hash';

function chain(count: number): Array<HashedFields & { hash: string; position: number }> {
  const out: Array<HashedFields & { hash: string; position: number }> = [];
  let prevHash: string | null = null;
  for (let v = 1; v <= count; v++) {
    const e: HashedFields = {
      id: `00000000-0000-4000-8000-00000000000${v}`,
      stream: 's-1',
      version: v,
      type: 'Counted',
      schemaVersion: 1,
      data: { n: v, nested: { b: 2, a: 1 } },
      metadata: {},
      recordedAt: new Date(1_700_000_000_000 + v),
      prevHash,
    };
    const hash = eventHash(e);
    out.push({ ...e, hash, position: v * 10 });
    prevHash = hash;
  }
  return out;
}

describe('ChainVerifier', () => {
  it('accepts a chain and hashes stored data text as the canonical JSON of the data', () => {
    const verifier = new ChainVerifier();
    for (const e of chain(3))
      expect(verifier.add(e, null, '{"n":' + e.version + ',"nested":{"a":1,"b":2}}')).toBe(true);
    expect(verifier.ok).toBe(true);
  });

  it('accepts data stored with non-canonical text (an older jsonb column) when its value is right', () => {
    const verifier = new ChainVerifier();
    for (const e of chain(2))
      expect(verifier.add(e, null, `{"n": ${e.version}, "nested": {"a": 1, "b": 2}}`)).toBe(true);
  });

  it('names the first version whose content, link or sequence is wrong', () => {
    const events = chain(4);
    const changed = events.map((e) => (e.version === 3 ? { ...e, data: { n: 99 } } : e));
    const verifier = new ChainVerifier();
    for (const e of changed) if (!verifier.add(e)) break;
    expect(verifier.firstBreak).toMatchObject({
      stream: 's-1',
      version: 3,
      reason: 'hash does not match the event content',
    });

    const gap = new ChainVerifier();
    for (const e of events.filter((x) => x.version !== 2)) if (!gap.add(e)) break;
    expect(gap.firstBreak).toMatchObject({ version: 2, reason: 'expected version 2, found 3' });
  });
});
