/**
 * The subset of the Open Badges 3.0 / VC 2.0 data model that Corridor emits. Property names are the
 * spec's; the official JSON schema (src/schema) remains the authority on shape.
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export type StatusPurpose = 'revocation' | 'suspension';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** Base-10 string, as the spec requires. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  email?: string;
  description?: string;
}

export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetDescription?: string;
  targetType?: string;
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Percent';
  valueMin: string;
  valueMax: string;
  requiredValue: string;
}

export interface Result {
  type: ['Result'];
  resultDescription: string;
  value: string;
  status: 'Completed';
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'identifier';
  hashed: true;
  salt: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: 'Certification';
  name: string;
  description: string;
  humanCode: string;
  criteria: { id: string; narrative: string };
  alignment: Alignment[];
  resultDescription: ResultDescription[];
  tag: string[];
}

export interface AchievementSubject {
  type: ['AchievementSubject'];
  identifier: IdentityObject[];
  achievement: Achievement;
  result: Result[];
}

export interface OpenBadgeCredential {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  description: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil: string;
  awardedDate: string;
  credentialSubject: AchievementSubject;
  /** The revocation entry; see credential-status-layout.ts for why suspension is carried separately. */
  credentialStatus: BitstringStatusListEntry;
  suspensionStatus: BitstringStatusListEntry;
}

export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
    /** Milliseconds a verifier may cache the list (spec `ttl`). */
    ttl?: number;
  };
}
