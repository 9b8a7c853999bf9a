import { createHash, randomBytes } from 'node:crypto';
import type { IdentityObject } from './open-badge-types';

/**
 * OB identity hash: `sha256$` + hex SHA-256 of the identifier followed by the salt. The salt is random
 * per credential so equal candidate ids in two credentials cannot be linked by comparing hashes.
 */
export function hashedIdentifier(identifier: string, salt: string = randomBytes(16).toString('hex')): IdentityObject {
  return { type: 'IdentityObject', identityHash: identityHash(identifier, salt), identityType: 'identifier', hashed: true, salt };
}

export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identifier + salt, 'utf8').digest('hex')}`;
}

/** Lets a holder prove a credential is theirs: recompute with their candidate id and the stored salt. */
export function matchesIdentity(identity: IdentityObject, identifier: string): boolean {
  return identity.hashed && identity.identityHash === identityHash(identifier, identity.salt);
}
