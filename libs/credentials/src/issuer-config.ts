import { z } from 'zod';

const HttpsUrl = z.url({ protocol: /^https?$/ });

/**
 * Where the issuer lives on the web. Every URL placed in a credential is derived from these, so a
 * deployment moves by changing configuration, never code.
 */
export const IssuerConfig = z.object({
  /** The issuer profile's id, a URL that dereferences to the document built by `issuerProfile`. */
  issuerId: HttpsUrl,
  name: z.object({ en: z.string().min(1), zh: z.string().min(1) }),
  /** Public home page of the certification centre. */
  url: HttpsUrl,
  email: z.email().optional(),
  /** Base for achievement, criteria and recognition pages (`{base}/achievements/...`). */
  publicBaseUrl: HttpsUrl,
  /** Base for status list credentials: `{base}/{purpose}/{listId}`. */
  statusListBaseUrl: HttpsUrl,
});
export type IssuerConfig = z.infer<typeof IssuerConfig>;

export function loadIssuerConfig(input: unknown): IssuerConfig {
  return IssuerConfig.parse(input);
}

/** One display string in both official languages: OB 3.0 types `name` as a plain string, not a language map. */
export function bilingualIssuerName(config: IssuerConfig): string {
  return `${config.name.en} · ${config.name.zh}`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
