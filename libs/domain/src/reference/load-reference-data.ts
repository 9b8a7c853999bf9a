import { ReferenceDataShape, type ReferenceData } from './reference-data.schema';
import type { ProviderKind } from '../scheme/certification-scheme';
import { schemeLabel } from '../scheme/certification-scheme';
import { formatIssuePath } from '../shared/issue-path';

/** Reference data that failed validation; each issue names the record and field, e.g. `stations[3].countryCode: …`. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
  constructor(readonly issues: string[]) {
    super(
      `invalid reference data: ${issues.slice(0, 10).join('; ')}${issues.length > 10 ? `; … ${issues.length - 10} more` : ''}`,
    );
  }
}

/** Collects "path: message" lines for cross-record checks that a per-record schema cannot see. */
class Issues {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
}

function checkUnique<T>(
  issues: Issues,
  records: readonly T[],
  name: string,
  field: string,
  key: (r: T) => string,
  label = key,
): void {
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const k = key(r);
    const first = seen.get(k);
    if (first !== undefined)
      issues.add(`${name}[${i}].${field}`, `${label(r)} is defined twice (first at ${name}[${first}])`);
    else seen.set(k, i);
  });
}

function checkCrossReferences(data: ReferenceData): string[] {
  const issues = new Issues();
  const countries = new Set(data.countries.map((c) => c.code));
  const standards = new Map(data.standards.map((s) => [s.code, s]));
  const stations = new Set(data.stations.map((s) => s.id));
  const providers = new Map<string, ProviderKind>([
    ...data.stations.map((s) => [s.id, s.kind] as const),
    ...data.trainingBases.map((b) => [b.id, 'training-base'] as const),
  ]);

  const country = (path: string, code: string): void => {
    if (!countries.has(code)) issues.add(path, `unknown country "${code}"`);
  };
  const standard = (path: string, code: string): void => {
    if (!standards.has(code)) issues.add(path, `unknown standard "${code}"`);
  };

  checkUnique(issues, data.countries, 'countries', 'code', (c) => c.code);
  checkUnique(issues, data.standards, 'standards', 'code', (s) => s.code);
  // Station ids (ST-/MW-) and base ids (TB-) cannot collide by their patterns, so each list is checked alone.
  checkUnique(issues, data.stations, 'stations', 'id', (s) => s.id);
  checkUnique(issues, data.trainingBases, 'trainingBases', 'id', (b) => b.id);
  checkUnique(
    issues,
    data.schemes,
    'schemes',
    'version',
    (s) => `${s.standardCode}|${s.level}|${s.version}`,
    schemeLabel,
  );
  checkUnique(
    issues,
    data.agreements,
    'agreements',
    'version',
    (a) => `${a.id}|${a.version}`,
    (a) => `${a.id} v${a.version}`,
  );
  checkUnique(issues, data.assessors, 'assessors', 'id', (a) => a.id);

  data.stations.forEach((s, i) => {
    country(`stations[${i}].countryCode`, s.countryCode);
    s.standards.forEach((code, j) => standard(`stations[${i}].standards[${j}]`, code));
  });
  data.trainingBases.forEach((b, i) => {
    country(`trainingBases[${i}].countryCode`, b.countryCode);
    b.standards.forEach((code, j) => standard(`trainingBases[${i}].standards[${j}]`, code));
  });

  data.schemes.forEach((s, i) => {
    const std = standards.get(s.standardCode);
    if (!std) issues.add(`schemes[${i}].standardCode`, `unknown standard "${s.standardCode}"`);
    else if (std.iscoCode !== s.occupation.iscoCode)
      issues.add(
        `schemes[${i}].occupation.iscoCode`,
        `${s.occupation.iscoCode} differs from the standard's occupation ${std.iscoCode}`,
      );
    s.eligibility.pathways.forEach((p, j) =>
      p.priorCertificate?.standardCodes?.forEach((code, k) =>
        standard(`schemes[${i}].eligibility.pathways[${j}].priorCertificate.standardCodes[${k}]`, code),
      ),
    );
    s.training.acceptedProviders.providerIds?.forEach((id, j) => {
      const kind = providers.get(id);
      const path = `schemes[${i}].training.acceptedProviders.providerIds[${j}]`;
      if (!kind) issues.add(path, `unknown training provider "${id}"`);
      else if (!s.training.acceptedProviders.kinds.includes(kind))
        issues.add(path, `${id} is a ${kind}, a kind the scheme does not accept`);
    });
  });
  const withScheme = new Set(data.schemes.map((s) => s.standardCode));
  data.standards.forEach((s, i) => {
    if (!withScheme.has(s.code)) issues.add(`standards[${i}].code`, `${s.code} has no certification scheme`);
  });

  const agreementHomes = new Map<string, string>();
  data.agreements.forEach((a, i) => {
    standard(`agreements[${i}].standardCode`, a.standardCode);
    country(`agreements[${i}].countryCode`, a.countryCode);
    // Versions of one agreement must stay about the same standard and country, or history would be rewritten.
    const home = `${a.standardCode}/${a.countryCode}`;
    const previous = agreementHomes.get(a.id);
    if (previous !== undefined && previous !== home)
      issues.add(`agreements[${i}].id`, `${a.id} covers ${previous} in another version, not ${home}`);
    agreementHomes.set(a.id, home);
  });

  data.assessors.forEach((a, i) => {
    if (!stations.has(a.stationId))
      issues.add(`assessors[${i}].stationId`, `unknown station "${a.stationId}"`);
    if (a.trainingProviderId !== undefined && !providers.has(a.trainingProviderId))
      issues.add(`assessors[${i}].trainingProviderId`, `unknown training provider "${a.trainingProviderId}"`);
    a.standards.forEach((code, j) => standard(`assessors[${i}].standards[${j}]`, code));
  });
  return issues.list;
}

/**
 * Validates raw reference data (shape per record, then references between records) and returns it
 * parsed — durations in seconds. Refuses with every problem found, each naming record and field.
 */
export function loadReferenceData(raw: unknown): ReferenceData {
  const parsed = ReferenceDataShape.safeParse(raw);
  if (!parsed.success)
    throw new ReferenceDataError(parsed.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`));
  const problems = checkCrossReferences(parsed.data);
  if (problems.length > 0) throw new ReferenceDataError(problems);
  return parsed.data;
}
