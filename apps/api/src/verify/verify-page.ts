import type { VerificationChecks, VerificationStatus } from '@corridor/credentials';

export interface VerifyResponse {
  certificateNumber: string;
  valid: boolean;
  status: VerificationStatus;
  checks: VerificationChecks;
  statusAsOf?: string;
  kid?: string;
  errors: string[];
  checkedAt: string;
  credentialUrl: string;
  /** The served credential compared with the one recorded in the certificate's history at issuance. */
  recorded: { sha256: string | null; matches: boolean };
  /** What the verified credential states; no candidate name (the credential carries only a salted hash). */
  certificate?: { name: string; issuer: string; achievement: string; validFrom: string; validUntil: string };
}

const HEADLINES: Record<VerificationStatus, { en: string; zh: string; tone: 'ok' | 'warn' | 'bad' }> = {
  valid: { en: 'Valid certificate', zh: '证书有效', tone: 'ok' },
  revoked: { en: 'Certificate revoked', zh: '证书已撤销', tone: 'bad' },
  suspended: { en: 'Certificate suspended', zh: '证书已暂停', tone: 'warn' },
  expired: { en: 'Certificate expired', zh: '证书已过期', tone: 'warn' },
  'not-yet-valid': { en: 'Certificate not yet valid', zh: '证书尚未生效', tone: 'warn' },
  'invalid-signature': { en: 'Signature invalid', zh: '签名无效', tone: 'bad' },
  'invalid-schema': { en: 'Credential malformed', zh: '凭证格式无效', tone: 'bad' },
  'status-unknown': { en: 'Status could not be checked', zh: '无法核验状态', tone: 'warn' },
  'issuer-not-trusted': { en: 'Issuer not trusted', zh: '签发机构不受信任', tone: 'bad' },
};

const COLOURS = { ok: '#1b7f3b', warn: '#a86400', bad: '#b3261e' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A small self-contained page for people who open the verification link (e.g. the QR code on the PDF). */
export function renderVerifyPage(v: VerifyResponse): string {
  const headline = HEADLINES[v.status];
  const row = (label: string, value: string | undefined): string =>
    value === undefined ? '' : `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  const checks = Object.entries(v.checks)
    .map(([name, outcome]) => row(name, String(outcome)))
    .join('');
  const errors = v.errors.length ? `<h2>Details</h2><ul>${v.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${headline.en} · ${v.certificateNumber}`)}</title>
<style>
body{font-family:system-ui,"Noto Sans","Noto Sans SC",sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
.verdict{border-left:.5rem solid ${COLOURS[headline.tone]};padding:.5rem 1rem;background:#f6f6f8}
.verdict h1{margin:.2rem 0;color:${COLOURS[headline.tone]};font-size:1.6rem}
table{border-collapse:collapse;margin-top:1rem;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
th{width:12rem;font-weight:600}small{color:#666}
</style>
</head>
<body>
<div class="verdict" data-status="${escapeHtml(v.status)}">
<h1>${escapeHtml(headline.en)} · ${escapeHtml(headline.zh)}</h1>
<p>${escapeHtml(v.certificateNumber)}</p>
</div>
<table>
${row('Qualification', v.certificate?.name)}
${row('Issuer', v.certificate?.issuer)}
${row('Valid from', v.certificate?.validFrom)}
${row('Valid until', v.certificate?.validUntil)}
${row('Status as of', v.statusAsOf)}
${row('Signing key', v.kid)}
${checks}
</table>
${errors}
<p><small>Checked ${escapeHtml(v.checkedAt)}. Machine-readable: <a href="${escapeHtml(v.credentialUrl)}">signed credential</a>.</small></p>
</body>
</html>
`;
}
