import type { ReferenceData } from './reference-data.schema';
import type { CertificationScheme, ProviderKind } from '../scheme/certification-scheme';
import type { LevelCode } from '../shared/levels';

/** The scheme for a standard and level: the given version, or the latest one when no version is given. */
export function findSchemeIn(
  schemes: readonly CertificationScheme[],
  standardCode: string,
  level: LevelCode,
  version?: number,
): CertificationScheme | undefined {
  const candidates = schemes.filter((s) => s.standardCode === standardCode && s.level === level);
  if (version !== undefined) return candidates.find((s) => s.version === version);
  return candidates.reduce<CertificationScheme | undefined>(
    (best, s) => (!best || s.version > best.version ? s : best),
    undefined,
  );
}

export interface TrainingProvider {
  id: string;
  kind: ProviderKind;
  name: string;
  countryCode: string;
}

/** A station, master workshop or training base by id. */
export function findTrainingProvider(reference: ReferenceData, id: string): TrainingProvider | undefined {
  const station = reference.stations.find((s) => s.id === id);
  if (station) return { id, kind: station.kind, name: station.name, countryCode: station.countryCode };
  const base = reference.trainingBases.find((b) => b.id === id);
  if (base) return { id, kind: 'training-base', name: base.name, countryCode: base.countryCode };
  return undefined;
}
