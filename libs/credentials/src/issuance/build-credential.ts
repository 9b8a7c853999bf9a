import countries from 'i18n-iso-countries';
import { trimSlash, type IssuerConfig } from '../issuer-config';
import type { CertificateFacts, ComponentResult, Recognition } from '../facts/certificate-facts';
import type { StatusSlot } from '../status/status-index-allocation';
import { placeStatusEntries } from '../status/credential-status-layout';
import { hashedIdentifier } from './identity-hash';
import { embeddedIssuerProfile } from './issuer-profile';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, type Alignment, type OpenBadgeCredential, type Result, type ResultDescription } from './open-badge-types';

export interface BuildCredentialInput {
  facts: CertificateFacts;
  config: IssuerConfig;
  statusSlot: StatusSlot;
  credentialId: string;
  salt?: string;
}

const COMPONENT_NAMES: Record<ComponentResult['component'], string> = {
  theory: 'Theory examination',
  practical: 'Practical examination',
};

/** Pure mapping from certificate facts to the unsigned credential; no clock, no randomness beyond the salt. */
export function buildOpenBadgeCredential(input: BuildCredentialInput): OpenBadgeCredential {
  const { facts, config } = input;
  const { standard } = facts;
  const base = trimSlash(config.publicBaseUrl);
  const achievementId = `${base}/achievements/${encodeURIComponent(standard.code)}/${standard.level.code}`;
  const titleEn = `${standard.titleEn} (${standard.level.en})`;
  const titleZh = `${standard.titleZh}（${standard.level.zh}）`;

  const resultDescription = facts.results.map((r): ResultDescription => ({
    id: `${achievementId}#result-${r.component}`,
    type: ['ResultDescription'],
    name: `${COMPONENT_NAMES[r.component]} (weight ${formatPercent(r.weight * 100)}%)`,
    resultType: 'Percent',
    valueMin: '0',
    valueMax: '100',
    requiredValue: formatPercent(r.passMark),
  }));
  const result = facts.results.map((r): Result => ({
    type: ['Result'],
    resultDescription: `${achievementId}#result-${r.component}`,
    value: formatPercent(r.score),
    status: 'Completed',
  }));

  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${titleEn} · ${titleZh}`,
    description: `Certificate ${facts.certificateNumber}: ${titleEn}. 证书编号 ${facts.certificateNumber}：${titleZh}。`,
    issuer: embeddedIssuerProfile(config),
    validFrom: facts.validFrom,
    validUntil: facts.validUntil,
    awardedDate: facts.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [hashedIdentifier(facts.candidate.id, input.salt)],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: `${titleEn} · ${titleZh}`,
        description:
          `Belt and Road international skills certification for the standard ${standard.code}, ` +
          `national vocational skill level "${standard.level.en}" (${standard.level.zh}).`,
        humanCode: standard.code,
        criteria: { id: `${achievementId}/criteria`, narrative: criteriaNarrative(facts.results) },
        alignment: [iscoAlignment(standard.iscoCode), ...facts.recognitions.filter((r) => r.status === 'recognised').map((r) => recognitionAlignment(base, r))],
        resultDescription,
        tag: [standard.code, `ISCO-08:${standard.iscoCode}`, `level:${standard.level.code}`],
      },
      result,
    },
    ...placeStatusEntries(config, input.statusSlot),
  };
}

/** ESCO publishes the ISCO-08 groups as dereferenceable URIs, which gives the alignment a stable target. */
function iscoAlignment(iscoCode: string): Alignment {
  return {
    type: ['Alignment'],
    targetName: `ISCO-08 unit group ${iscoCode}`,
    targetUrl: `http://data.europa.eu/esco/isco/C${iscoCode}`,
    targetCode: iscoCode,
    targetFramework: 'ISCO-08',
    targetType: 'ext:Occupation',
  };
}

/** Only full recognitions are alignments: a conditional one asserts nothing until its conditions are met. */
function recognitionAlignment(base: string, recognition: Recognition): Alignment {
  const country = countries.getName(recognition.country, 'en') ?? recognition.country;
  return {
    type: ['Alignment'],
    targetName: recognition.standardName,
    targetUrl:
      `${base}/recognitions/${recognition.country}/${encodeURIComponent(recognition.standardCode)}` +
      `?agreement=${encodeURIComponent(recognition.agreementVersion)}`,
    targetCode: recognition.standardCode,
    targetFramework: `${country} (${recognition.country}) national occupational standards`,
    targetDescription: `Mutually recognised under agreement version ${recognition.agreementVersion}.`,
    targetType: 'ext:RecognisedForeignStandard',
  };
}

function criteriaNarrative(results: readonly ComponentResult[]): string {
  const parts = results.map(
    (r) => `${COMPONENT_NAMES[r.component].toLowerCase()} passed at ${formatPercent(r.passMark)}% or more (weight ${formatPercent(r.weight * 100)}%)`,
  );
  return `Assessed under ISO/IEC 17024 rules: ${parts.join('; ')}; certification decided by an officer independent of review and assessment.`;
}

/** Scores are stored as numbers but published as strings (OB types `value` as string); avoid float noise like 69.99999. */
function formatPercent(value: number): string {
  return String(Math.round(value * 100) / 100);
}
