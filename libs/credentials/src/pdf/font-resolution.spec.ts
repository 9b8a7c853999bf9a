import { FontResolver, missingCertificateFonts, MissingFontError, type FontLookup } from './font-resolution';

const lookup = (exists: (path: string) => boolean, fontconfig: FontLookup['fontconfig'] = () => []): FontLookup => ({ exists, fontconfig });

describe('FontResolver', () => {
  it('names the script and the Debian package to install when a font is missing', () => {
    const onlyDejaVu = new FontResolver({}, lookup((path) => path.includes('/dejavu/')));
    expect(onlyDejaVu.faces('text').regular.path).toBe('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
    expect(() => onlyDejaVu.faces('cjk')).toThrow(/apt-get install -y fonts-noto-cjk/);
    expect(() => onlyDejaVu.faces('thai')).toThrow(MissingFontError);
    let caught: unknown;
    try {
      onlyDejaVu.faces('mongolian');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ slot: 'mongolian', debianPackage: 'fonts-noto-core' });
    expect(missingCertificateFonts(onlyDejaVu).map((m) => m.slot)).toEqual(expect.arrayContaining(['cjk', 'thai', 'lao', 'khmer', 'myanmar', 'mongolian', 'ethiopic']));
    // DejaVu Sans draws Arabic, Hebrew, Armenian and Georgian when the Noto faces are absent.
    expect(onlyDejaVu.faces('arabic').regular.path).toContain('DejaVuSans');
  });

  it('prefers Noto faces per script, and falls back from bold to regular where a script has no bold', () => {
    const resolver = new FontResolver({}, lookup((path) => path.includes('/noto/')));
    expect(resolver.faces('cjk').regular).toEqual({ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' });
    expect(resolver.faces('thai')).toEqual({
      regular: { path: '/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf' },
      bold: { path: '/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf' },
    });
    expect(resolver.faces('mongolian').bold).toEqual(resolver.faces('mongolian').regular);
    expect(resolver.faces('arabic').regular.path).toBe('/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf');
  });

  it('asks fontconfig for the family when the Debian path does not exist', () => {
    const asked: string[] = [];
    const resolver = new FontResolver(
      {},
      lookup(
        () => false,
        (family, style) => {
          asked.push(`${family}:${style}`);
          return family === 'Noto Sans Lao' ? [`/opt/fonts/NotoSansLao-${style}.ttf`] : [];
        },
      ),
    );
    expect(resolver.faces('lao').regular).toEqual({ path: '/opt/fonts/NotoSansLao-Regular.ttf' });
    expect(asked).toContain('Noto Sans Lao:Regular');
    expect(() => resolver.faces('khmer')).toThrow(/Noto Sans Khmer/);
  });

  it('checks configured overrides too', () => {
    expect(new FontResolver({ cjk: { path: '/nowhere/font.ttc', postscriptName: 'X' } }, lookup(() => true)).faces('cjk').regular.path).toBe('/nowhere/font.ttc');
    expect(() => new FontResolver({ cjk: { path: '/nowhere/font.ttc' } }, lookup((p) => p !== '/nowhere/font.ttc')).faces('cjk')).toThrow(/configured override/);
    expect(new FontResolver({ slots: { thai: { regular: { path: '/x/Thai.ttf' } } } }, lookup(() => true)).faces('thai').regular.path).toBe('/x/Thai.ttf');
  });

  it('finds every script font on a machine set up by .ci/run', () => {
    expect(missingCertificateFonts()).toEqual([]);
  });
});
