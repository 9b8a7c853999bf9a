import { gunzipSync, gzipSync } from 'node:zlib';

/** The spec's minimum (16 KiB of bits): below it, a list is too small to hide one holder among many. */
export const MIN_STATUS_LIST_BITS = 131_072;

export class StatusListError extends Error {
  override readonly name: string = 'StatusListError';
}

/**
 * W3C Bitstring Status List: one bit per credential slot, index 0 is the left-most (most significant)
 * bit of the first byte. Published as multibase base64url ('u' prefix, no padding) of the GZIP of the bits.
 */
export class BitstringStatusList {
  private readonly bytes: Uint8Array;

  constructor(lengthInBits: number = MIN_STATUS_LIST_BITS) {
    if (!Number.isInteger(lengthInBits) || lengthInBits < MIN_STATUS_LIST_BITS || lengthInBits % 8 !== 0) {
      throw new StatusListError(`a status list has a whole number of bytes and at least ${MIN_STATUS_LIST_BITS} bits (got ${lengthInBits})`);
    }
    this.bytes = new Uint8Array(lengthInBits / 8);
  }

  get length(): number {
    return this.bytes.length * 8;
  }

  get(index: number): boolean {
    this.checkIndex(index);
    return (this.bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  }

  set(index: number, value: boolean): void {
    this.checkIndex(index);
    const mask = 0x80 >> (index & 7);
    const at = index >> 3;
    this.bytes[at] = value ? this.bytes[at]! | mask : this.bytes[at]! & ~mask;
  }

  /** Indexes whose bit is set, in ascending order (for audits and tests; lists are mostly zeros). */
  setIndexes(): number[] {
    const found: number[] = [];
    this.bytes.forEach((byte, at) => {
      if (byte === 0) return;
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) found.push(at * 8 + bit);
    });
    return found;
  }

  encode(): string {
    // mtime 0 in the GZIP header comes from zlib by default, so equal lists encode to equal strings.
    return `u${gzipSync(this.bytes).toString('base64url')}`;
  }

  static decode(encodedList: string): BitstringStatusList {
    if (!encodedList.startsWith('u')) throw new StatusListError('encodedList must be multibase base64url (prefix "u")');
    const body = encodedList.slice(1);
    if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new StatusListError('encodedList is not base64url without padding');
    let bytes: Buffer;
    try {
      bytes = gunzipSync(Buffer.from(body, 'base64url'));
    } catch (error) {
      throw new StatusListError(`encodedList is not GZIP data: ${(error as Error).message}`);
    }
    if (bytes.length * 8 < MIN_STATUS_LIST_BITS) {
      throw new StatusListError(`decoded status list has ${bytes.length * 8} bits, below the ${MIN_STATUS_LIST_BITS}-bit minimum`);
    }
    const list = new BitstringStatusList(bytes.length * 8);
    list.bytes.set(bytes);
    return list;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new StatusListError(`status index ${index} outside 0..${this.length - 1}`);
    }
  }
}
