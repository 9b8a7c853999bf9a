import { randomInt } from 'node:crypto';
import { MIN_STATUS_LIST_BITS, StatusListError } from './bitstring-status-list';

/** Returns an integer in [0, maxExclusive). Injected so tests can force collisions. */
export type RandomIndex = (maxExclusive: number) => number;

export const cryptoRandomIndex: RandomIndex = (maxExclusive) => randomInt(maxExclusive);

export class StatusListFullError extends StatusListError {
  override readonly name = 'StatusListFullError';
}

export interface AllocateOptions {
  /** Slots already taken in this list. */
  used: ReadonlySet<number> | ((index: number) => boolean);
  listSize?: number;
  random?: RandomIndex;
  /** Random probes before falling back to a scan; random placement is what gives holders herd privacy. */
  randomAttempts?: number;
}

/**
 * Picks a free slot at random. Indexes are random rather than sequential so a slot does not reveal the
 * issuance order (and with it, roughly who the holder is). After `randomAttempts` collisions it scans
 * from a random start, so a nearly full list still yields its last free slots and a full one fails loudly.
 */
export function allocateStatusIndex(options: AllocateOptions): number {
  const size = options.listSize ?? MIN_STATUS_LIST_BITS;
  const random = options.random ?? cryptoRandomIndex;
  const isUsed = typeof options.used === 'function' ? options.used : (i: number) => (options.used as ReadonlySet<number>).has(i);
  const attempts = options.randomAttempts ?? 32;

  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = checkedRandom(random, size);
    if (!isUsed(candidate)) return candidate;
  }
  const start = checkedRandom(random, size);
  for (let step = 0; step < size; step++) {
    const candidate = (start + step) % size;
    if (!isUsed(candidate)) return candidate;
  }
  throw new StatusListFullError(`all ${size} status slots are taken: open a new status list`);
}

function checkedRandom(random: RandomIndex, size: number): number {
  const value = random(size);
  if (!Number.isInteger(value) || value < 0 || value >= size) {
    throw new StatusListError(`random index source returned ${value}, outside 0..${size - 1}`);
  }
  return value;
}

/** One slot: the same index is used in the revocation and in the suspension list of the same list id. */
export interface StatusSlot {
  listId: string;
  index: number;
}

/**
 * Storage port for slot reservations. `claim` must be atomic (SQL: INSERT … ON CONFLICT DO NOTHING on
 * (list_id, index)) because two issuers racing for a slot must not both win it.
 */
export interface StatusIndexRepository {
  /** Reserves the slot for the credential; false when it is already taken. */
  claim(slot: StatusSlot, credentialId: string): Promise<boolean>;
  isUsed(slot: StatusSlot): Promise<boolean>;
  usedCount(listId: string): Promise<number>;
  findByCredential(credentialId: string): Promise<StatusSlot | undefined>;
}

export class InMemoryStatusIndexRepository implements StatusIndexRepository {
  private readonly slots = new Map<string, Map<number, string>>();
  private readonly byCredential = new Map<string, StatusSlot>();

  claim(slot: StatusSlot, credentialId: string): Promise<boolean> {
    const list = this.listOf(slot.listId);
    if (list.has(slot.index) || this.byCredential.has(credentialId)) return Promise.resolve(false);
    list.set(slot.index, credentialId);
    this.byCredential.set(credentialId, { ...slot });
    return Promise.resolve(true);
  }

  isUsed(slot: StatusSlot): Promise<boolean> {
    return Promise.resolve(this.listOf(slot.listId).has(slot.index));
  }

  usedCount(listId: string): Promise<number> {
    return Promise.resolve(this.listOf(listId).size);
  }

  findByCredential(credentialId: string): Promise<StatusSlot | undefined> {
    const slot = this.byCredential.get(credentialId);
    return Promise.resolve(slot ? { ...slot } : undefined);
  }

  private listOf(listId: string): Map<number, string> {
    let list = this.slots.get(listId);
    if (!list) {
      list = new Map();
      this.slots.set(listId, list);
    }
    return list;
  }
}

export interface ReserveOptions {
  listId: string;
  credentialId: string;
  listSize?: number;
  random?: RandomIndex;
  /** Claims lost to concurrent issuers before giving up. */
  maxClaimAttempts?: number;
}

/**
 * Reserves a random free slot through the repository. Idempotent per credential: asking again for the
 * same credential returns the slot it already holds, so a retried issuance does not burn a second slot.
 */
export async function reserveStatusSlot(repository: StatusIndexRepository, options: ReserveOptions): Promise<StatusSlot> {
  const existing = await repository.findByCredential(options.credentialId);
  if (existing) return existing;
  const size = options.listSize ?? MIN_STATUS_LIST_BITS;
  if ((await repository.usedCount(options.listId)) >= size) {
    throw new StatusListFullError(`status list "${options.listId}" is full: open a new status list`);
  }
  const random = options.random ?? cryptoRandomIndex;
  const maxClaims = options.maxClaimAttempts ?? 64;
  for (let attempt = 0; attempt < maxClaims; attempt++) {
    const index = checkedRandom(random, size);
    const slot = { listId: options.listId, index };
    if (await repository.claim(slot, options.credentialId)) return slot;
    // Lost the slot, either to an earlier issuance or to a concurrent claim for this same credential.
    const mine = await repository.findByCredential(options.credentialId);
    if (mine) return mine;
  }
  throw new StatusListFullError(`no free slot in status list "${options.listId}" after ${maxClaims} random claims: open a new status list`);
}
