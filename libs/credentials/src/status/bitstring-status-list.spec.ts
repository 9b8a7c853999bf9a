import { gunzipSync } from 'node:zlib';
import { BitstringStatusList, MIN_STATUS_LIST_BITS } from './bitstring-status-list';

describe('BitstringStatusList', () => {
  it('defaults to the 131072-bit minimum and refuses smaller or ragged lists', () => {
    expect(new BitstringStatusList().length).toBe(MIN_STATUS_LIST_BITS);
    expect(MIN_STATUS_LIST_BITS).toBe(16 * 1024 * 8);
    expect(() => new BitstringStatusList(MIN_STATUS_LIST_BITS - 8)).toThrow(/at least/);
    expect(() => new BitstringStatusList(MIN_STATUS_LIST_BITS + 3)).toThrow(/whole number of bytes/);
  });

  it('sets, reads and clears single bits without touching neighbours', () => {
    const list = new BitstringStatusList();
    list.set(77_777, true);
    expect(list.get(77_777)).toBe(true);
    expect(list.get(77_776)).toBe(false);
    expect(list.get(77_778)).toBe(false);
    expect(list.setIndexes()).toEqual([77_777]);
    list.set(77_777, false);
    expect(list.setIndexes()).toEqual([]);
    expect(() => list.get(MIN_STATUS_LIST_BITS)).toThrow(/outside/);
    expect(() => list.set(-1, true)).toThrow(/outside/);
  });

  it('encodes as multibase base64url of GZIP with index 0 at the left-most bit', () => {
    const list = new BitstringStatusList();
    list.set(0, true);
    list.set(9, true);
    list.set(MIN_STATUS_LIST_BITS - 1, true);
    const encoded = list.encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(raw.length).toBe(MIN_STATUS_LIST_BITS / 8);
    expect(raw[0]).toBe(0b1000_0000);
    expect(raw[1]).toBe(0b0100_0000);
    expect(raw[raw.length - 1]).toBe(0b0000_0001);
  });

  it('decodes what it encodes and rejects foreign encodings', () => {
    const list = new BitstringStatusList(MIN_STATUS_LIST_BITS * 2);
    [3, 4096, 200_000].forEach((i) => list.set(i, true));
    const decoded = BitstringStatusList.decode(list.encode());
    expect(decoded.length).toBe(MIN_STATUS_LIST_BITS * 2);
    expect(decoded.setIndexes()).toEqual([3, 4096, 200_000]);
    expect(() => BitstringStatusList.decode(list.encode().slice(1))).toThrow(/prefix "u"/);
    expect(() => BitstringStatusList.decode('uAAAA')).toThrow(/GZIP/);
  });
});
