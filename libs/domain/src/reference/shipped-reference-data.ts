import { rawReferenceData } from './data';
import { loadReferenceData } from './load-reference-data';
import type { ReferenceData } from './reference-data.schema';
import { findSchemeIn } from './reference-lookup';
import type { CertificationScheme } from '../scheme/certification-scheme';
import type { LevelCode } from '../shared/levels';

// Validated on first use, not at import: a data error then surfaces with its record and field where
// the data is needed, and modules that import only types pay nothing.
let shipped: ReferenceData | undefined;

/** The shipped reference data, validated once. Throws ReferenceDataError if a record is broken. */
export function shippedReferenceData(): ReferenceData {
  shipped ??= loadReferenceData(rawReferenceData);
  return shipped;
}

/** The shipped scheme for a standard and level (latest version unless `version` is given). */
export function findScheme(
  standardCode: string,
  level: LevelCode,
  version?: number,
): CertificationScheme | undefined {
  return findSchemeIn(shippedReferenceData().schemes, standardCode, level, version);
}
