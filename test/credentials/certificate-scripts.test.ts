import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderCertificatePdf } from '@corridor/credentials';
import { sampleFacts } from './support/fixtures';
import { pdfText, poppler } from './support/poppler';

/**
 * One certificate per script the centre's candidates write their names in. Each PDF must give the
 * name back through pdftotext, which proves the text was drawn with a font that has it and is
 * mapped back to Unicode (no empty boxes, no glyphs extracted out of order).
 *
 * Comparison: both sides NFC, whitespace squashed, and the bidi controls pdftotext wraps around
 * right-to-left lines (U+202A–U+202E) removed. For Arabic-script names pdftotext returns the base
 * letters (U+0600 block), not presentation forms (U+FB50–U+FEFF): the PDF maps each shaped glyph
 * back to the characters it was shaped from. One poppler quirk remains: in a right-to-left line it
 * reverses the characters of a ligature glyph too (the Allah ligature in "الله" comes back as
 * "اهلل"), so a name with such a ligature is compared word by word, in order, each word as its set of letters.
 */
const SCRIPTS: { script: string; language: string; name: string; label?: string; ligatureInRtl?: true }[] = [
  { script: 'Thai', language: 'th', name: 'สมชาย ใจดี' },
  { script: 'Lao', language: 'lo', name: 'ສົມພອນ ແກ້ວມະນີ' },
  { script: 'Khmer', language: 'km', name: 'សុខ ចាន់ស្រី' },
  { script: 'Myanmar', language: 'my', name: 'အောင်ဆန်း စုကြည်' },
  { script: 'Devanagari', language: 'hi', name: 'प्रिया शर्मा' },
  { script: 'Bengali', language: 'bn', name: 'রবীন্দ্রনাথ ঠাকুর' },
  { script: 'Sinhala', language: 'si', name: 'කුමාර පෙරේරා' },
  { script: 'Tamil', language: 'ta', name: 'முத்துலட்சுமி ராஜன்' },
  { script: 'Ethiopic', language: 'am', name: 'አበበ ቢቂላ' },
  { script: 'Mongolian', language: 'mn-Mong', name: 'ᠪᠠᠲᠤ ᠮᠥᠩᠬᠡ' },
  { script: 'Arabic', ligatureInRtl: true, language: 'ar', name: 'محمد عبد الله', label: 'شهادة المهارات المهنية الدولية' },
  { script: 'Persian', language: 'fa', name: 'پرویز گلشیری' },
  { script: 'Urdu', language: 'ur', name: 'ٹیپو سلطان چغتائی' },
  { script: 'Hebrew', language: 'he', name: 'דוד בן־גוריון' },
  { script: 'Georgian', language: 'ka', name: 'ნინო ბერიძე' },
  { script: 'Armenian', language: 'hy', name: 'Արամ Խաչատրյան' },
  { script: 'Cyrillic', language: 'ru', name: 'Ольга Щербакова', label: 'Международный сертификат профессиональной квалификации' },
  { script: 'Greek', language: 'el', name: 'Γιώργος Παπαδόπουλος' },
  { script: 'Latin with diacritics', language: 'vi', name: 'Nguyễn Thị Ánh Tuyết' },
  { script: 'Latin with diacritics (Turkish, Polish)', language: 'tr', name: 'Çağrı Öztürk-Łęcka' },
  { script: 'Latin typed with combining accents (NFD)', language: 'vi', name: 'Trần Văn Đức'.normalize('NFD') },
  { script: 'Chinese', language: 'zh', name: '王小明' },
  { script: 'Japanese', language: 'ja', name: '山田 はなこ' },
  { script: 'Korean', language: 'ko', name: '김민준' },
];

const normalise = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ');
const lettersPerWord = (text: string) =>
  text
    .split(' ')
    .map((word) => [...word].sort().join(''))
    .join(' ');

describe('certificate PDF in every script of the centre’s candidates', () => {
  const keep = process.env.CERTIFICATE_PDF_OUT;
  let dir: string;
  beforeAll(async () => {
    dir = keep ?? (await mkdtemp(path.join(tmpdir(), 'corridor-scripts-')));
  });
  afterAll(async () => {
    if (!keep) await rm(dir, { recursive: true, force: true });
  });

  it.each(SCRIPTS)('prints a $script name ($language) that pdftotext returns', async ({ script, language, name, label, ligatureInRtl }) => {
    const facts = sampleFacts({ candidate: { id: 'cand-1', fullName: name, nationality: 'KZ', language } });
    const pdf = await renderCertificatePdf(facts, { verificationUrl: 'https://certs.example.org/verify/BRISC-2025-000123', jws: 'x.y.z', language });
    const file = path.join(dir, `${script.replace(/\W+/g, '-')}.pdf`);
    await writeFile(file, pdf);
    const text = normalise(pdfText(file));
    const comparable = ligatureInRtl ? lettersPerWord : (t: string) => t;
    expect(comparable(text)).toContain(comparable(normalise(name)));
    if (label) expect(comparable(text)).toContain(comparable(normalise(label)));
    expect(text).toContain('BRISC-2025-000123');
    if (keep) poppler('pdftoppm', ['-png', '-r', '110', '-singlefile', '-y', '0', '-H', '420', '-W', '1300', file, file.replace(/\.pdf$/, '')]);
  });
});
