import { bilingualIssuerName, type IssuerConfig } from '../issuer-config';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, type IssuerProfile } from './open-badge-types';

/** The issuer Profile as embedded in every credential. */
export function embeddedIssuerProfile(config: IssuerConfig): IssuerProfile {
  return {
    id: config.issuerId,
    type: ['Profile'],
    name: bilingualIssuerName(config),
    url: config.url,
    ...(config.email ? { email: config.email } : {}),
  };
}

export type IssuerProfileDocument = IssuerProfile & { '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT] };

/** The stand-alone JSON-LD document to serve at `config.issuerId` (OB 3.0 requires the issuer id to dereference). */
export function issuerProfile(config: IssuerConfig): IssuerProfileDocument {
  return { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], ...embeddedIssuerProfile(config) };
}
