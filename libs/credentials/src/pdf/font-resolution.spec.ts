import { MissingFontError, resolveCertificateFonts } from './font-resolution';

describe('resolveCertificateFonts', () => {
  it('names the Debian package to install when a font is missing', () => {
    const onlyDejaVu = (path: string) => path.includes('/dejavu/');
    expect(() => resolveCertificateFonts({}, onlyDejaVu)).toThrow(MissingFontError);
    expect(() => resolveCertificateFonts({}, onlyDejaVu)).toThrow(/apt-get install -y fonts-noto-cjk/);
    const onlyNoto = (path: string) => path.includes('/noto/');
    expect(() => resolveCertificateFonts({}, onlyNoto)).toThrow(/fonts-dejavu-core/);
  });

  it('uses the Noto CJK collection with its Simplified Chinese face, and falls back from bold to regular', () => {
    const noBold = (path: string) => !path.includes('Bold');
    const fonts = resolveCertificateFonts({}, noBold);
    expect(fonts.cjk).toEqual({ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' });
    expect(fonts.cjkBold).toEqual(fonts.cjk);
    expect(fonts.textBold.path).toBe('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
  });

  it('checks configured overrides too', () => {
    expect(() => resolveCertificateFonts({ cjk: { path: '/nowhere/font.ttc', postscriptName: 'X' } }, () => true)).not.toThrow();
    expect(() => resolveCertificateFonts({ cjk: { path: '/nowhere/font.ttc' } }, (p) => p !== '/nowhere/font.ttc')).toThrow(/configured override/);
  });
});
