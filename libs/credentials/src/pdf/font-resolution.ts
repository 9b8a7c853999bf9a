import { existsSync } from 'node:fs';

/** A font file, plus the face to pick when the file is a collection (.ttc). */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

export interface CertificateFonts {
  /** Latin, Cyrillic, Greek, Arabic, Hebrew, Armenian, Georgian. */
  text: FontFace;
  textBold: FontFace;
  /** Chinese (and the rest of CJK). */
  cjk: FontFace;
  cjkBold: FontFace;
}

interface Candidate extends FontFace {
  debianPackage: string;
}

/**
 * Debian locations, first match wins. Fonts are looked up at render time (not import time) so a
 * process that never renders a PDF does not need them installed.
 */
const CANDIDATES: Record<keyof CertificateFonts, Candidate[]> = {
  text: [{ path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', debianPackage: 'fonts-dejavu-core' }],
  textBold: [
    { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', debianPackage: 'fonts-dejavu-core' },
    { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', debianPackage: 'fonts-dejavu-core' },
  ],
  cjk: [
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
    { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei', debianPackage: 'fonts-wqy-zenhei' },
  ],
  cjkBold: [
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold', debianPackage: 'fonts-noto-cjk' },
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
    { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei', debianPackage: 'fonts-wqy-zenhei' },
  ],
};

export class MissingFontError extends Error {
  override readonly name = 'MissingFontError';
}

export function resolveCertificateFonts(overrides: Partial<CertificateFonts> = {}, exists: (path: string) => boolean = existsSync): CertificateFonts {
  const pick = (role: keyof CertificateFonts): FontFace => {
    const override = overrides[role];
    if (override) {
      if (!exists(override.path)) throw new MissingFontError(`font for ${role} not found at ${override.path} (configured override)`);
      return override;
    }
    const found = CANDIDATES[role].find((c) => exists(c.path));
    if (!found) {
      const packages = [...new Set(CANDIDATES[role].map((c) => c.debianPackage))];
      throw new MissingFontError(
        `no ${role} font for the certificate PDF: looked for ${CANDIDATES[role].map((c) => c.path).join(', ')}. ` +
          `Install the Debian package ${packages[0]} (apt-get install -y ${packages[0]})` +
          (packages.length > 1 ? ` or one of ${packages.slice(1).join(', ')}` : ''),
      );
    }
    return { path: found.path, ...(found.postscriptName ? { postscriptName: found.postscriptName } : {}) };
  };
  return { text: pick('text'), textBold: pick('textBold'), cjk: pick('cjk'), cjkBold: pick('cjkBold') };
}
