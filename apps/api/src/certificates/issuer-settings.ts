import { loadIssuerConfig, trimSlash, type IssuerConfig } from '@corridor/credentials';
import type { CorridorConfig } from '../config/corridor-config';

export const DEFAULT_ISSUER_NAME = { en: 'Belt and Road International Skills Certification Center', zh: '一带一路国际技能认证中心' };

/** Every URL in a credential points back at this API's public endpoints, so PUBLIC_BASE_URL moves them all. */
export function issuerSettings(config: CorridorConfig): IssuerConfig {
  const base = trimSlash(config.publicBaseUrl);
  return loadIssuerConfig({
    issuerId: `${base}/issuer`,
    name: { en: config.ISSUER_NAME_EN ?? DEFAULT_ISSUER_NAME.en, zh: config.ISSUER_NAME_ZH ?? DEFAULT_ISSUER_NAME.zh },
    url: config.ISSUER_URL ?? base,
    ...(config.ISSUER_EMAIL ? { email: config.ISSUER_EMAIL } : {}),
    publicBaseUrl: base,
    statusListBaseUrl: `${base}/status-lists`,
  });
}
