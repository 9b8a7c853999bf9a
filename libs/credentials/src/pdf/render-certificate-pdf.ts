import countries from 'i18n-iso-countries';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CertificateFacts, type Recognition } from '../facts/certificate-facts';
import { labelsFor, primaryLanguage, type CertificateLabels } from './certificate-labels';
import { FontResolver, type CertificateFonts } from './font-resolution';
import { isolate, isRightToLeftLanguage } from './script-runs';
import { Typesetter } from './typesetter';

export interface CertificatePdfOptions {
  /** Public verification page; the QR code encodes this URL, never the credential itself. */
  verificationUrl: string;
  /** The signed credential, embedded as the attachment `credential.jwt`. */
  jws: string;
  /** Third language besides Chinese and English; defaults to the candidate's language. */
  language?: string;
  issuerName?: { en: string; zh: string };
  fonts?: Partial<CertificateFonts>;
}

export const EMBEDDED_CREDENTIAL_NAME = 'credential.jwt';

const PAGE = { width: 841.89, height: 595.28 };
const INK = '#1a1a1a';
const ACCENT = '#8a5a14';
const MUTED = '#555555';
const MAX_RECOGNITIONS = 4;

interface Block {
  code: string;
  labels: CertificateLabels;
  rtl: boolean;
}

/** A4 landscape certificate in Chinese, English and the candidate's language, with QR code and embedded credential. */
export async function renderCertificatePdf(facts: CertificateFacts, options: CertificatePdfOptions): Promise<Buffer> {
  const checked = CertificateFacts.parse(facts);
  const verificationUrl = new URL(options.verificationUrl).toString();
  const zh: Block = { code: 'zh', labels: labelsFor('zh')!, rtl: false };
  const en: Block = { code: 'en', labels: labelsFor('en')!, rtl: false };
  const language = options.language ?? checked.candidate.language;
  const thirdLabels = labelsFor(language);
  const third: Block | undefined =
    thirdLabels && !['zh', 'en'].includes(primaryLanguage(language))
      ? { code: primaryLanguage(language), labels: thirdLabels, rtl: isRightToLeftLanguage(language) }
      : undefined;
  const blocks = [zh, en, ...(third ? [third] : [])];

  const issuedAt = new Date(checked.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: true,
    lang: 'zh-CN',
    info: {
      Title: `${checked.standard.titleZh} / ${checked.standard.titleEn} — ${checked.certificateNumber}`,
      Author: options.issuerName ? `${options.issuerName.zh} / ${options.issuerName.en}` : 'Corridor',
      Subject: `Certificate ${checked.certificateNumber}`,
      Keywords: `${checked.certificateNumber} ${checked.standard.code} Open Badges 3.0`,
      // Fixed dates keep a re-rendered certificate identical to the first rendering.
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const done = collect(doc);
  const type = new Typesetter(doc, new FontResolver(options.fonts));
  // Each language's wording is a bidi isolate, so Arabic wording does not pull the numbers and
  // punctuation next to it into right-to-left order (UAX #9 would, e.g. "النظري: 82" → "82 :النظري").
  const tri = (pick: (l: CertificateLabels) => string) => blocks.map((b) => isolate(pick(b.labels))).join(' · ');
  const contentWidth = PAGE.width - 120;

  drawFrame(doc);
  if (options.issuerName) type.line(`${options.issuerName.zh} · ${options.issuerName.en}`, 60, 62, contentWidth, { size: 11, align: 'center', color: MUTED });
  type.line(zh.labels.title, 60, 102, contentWidth, { size: 26, bold: true, align: 'center', color: ACCENT });
  type.line(en.labels.title, 60, 126, contentWidth, { size: 15, align: 'center', color: ACCENT });
  if (third) type.line(third.labels.title, 60, 147, contentWidth, { size: 13, align: 'center', color: ACCENT, direction: third.rtl ? 'rtl' : 'ltr' });

  type.line(tri((l) => l.certifies), 60, 178, contentWidth, { size: 10, align: 'center', color: MUTED });
  type.line(checked.candidate.fullName, 60, 207, contentWidth, { size: 22, bold: true, align: 'center' });
  const nationality = blocks.map((b) => isolate(countryName(checked.candidate.nationality, b.code))).join(' · ');
  type.line(`${tri((l) => l.nationality)}: ${nationality}`, 60, 228, contentWidth, { size: 10, align: 'center', color: MUTED });

  const { standard } = checked;
  type.line(`${zh.labels.hasMet}：${standard.titleZh}（${standard.code}）· ${zh.labels.level}：${zh.labels.levels[standard.level.code]}`, 60, 256, contentWidth, {
    size: 13,
    align: 'center',
  });
  type.line(`${en.labels.hasMet}: ${standard.titleEn} (${standard.code}) · ${en.labels.level}: ${en.labels.levels[standard.level.code]}`, 60, 276, contentWidth, {
    size: 12,
    align: 'center',
  });
  if (third) {
    const l = third.labels;
    type.line(`${l.hasMet}: ${standard.titleEn} ${standard.code} · ${l.level}: ${l.levels[standard.level.code]}`, 60, 296, contentWidth, {
      size: 12,
      align: 'center',
      direction: third.rtl ? 'rtl' : 'ltr',
    });
  }

  // Left column: results and recognitions. Right column: QR code.
  const left = { x: 60, width: 530 };
  let y = 332;
  type.line(tri((l) => l.results), left.x, y, left.width, { size: 11, bold: true, color: ACCENT });
  for (const r of checked.results) {
    y += 17;
    type.line(
      `${tri((l) => l.component[r.component])}: ${fmt(r.score)}/100  (${zh.labels.passMark} ${en.labels.passMark} ${fmt(r.passMark)} · ${zh.labels.weight} ${en.labels.weight} ${fmt(r.weight * 100)}%)`,
      left.x,
      y,
      left.width,
      { size: 10 },
    );
  }
  if (checked.recognitions.length > 0) {
    y += 24;
    type.line(tri((l) => l.recognition), left.x, y, left.width, { size: 11, bold: true, color: ACCENT });
    const shown = checked.recognitions.slice(0, MAX_RECOGNITIONS);
    for (const recognition of shown) {
      const [headline, detail] = recognitionLines(recognition, blocks);
      y += 15;
      type.line(headline, left.x, y, left.width, { size: 9.5 });
      y += 11;
      type.line(detail, left.x + 12, y, left.width - 12, { size: 8, color: MUTED });
    }
    if (checked.recognitions.length > shown.length) {
      y += 14;
      type.line(`+${checked.recognitions.length - shown.length} · ${verificationUrl}`, left.x, y, left.width, { size: 8, color: MUTED });
    }
  }

  const qrSize = 132;
  const qrX = PAGE.width - 60 - qrSize - 20;
  const qrY = 318;
  const qr = await QRCode.toBuffer(verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  const qrCaption = { x: qrX - 40, width: qrSize + 80 };
  blocks.forEach((b, i) => {
    type.line(b.labels.verify, qrCaption.x, qrY + qrSize + 12 + i * 11, qrCaption.width, { size: 8, align: 'center', color: MUTED, direction: b.rtl ? 'rtl' : 'ltr' });
  });
  type.line(verificationUrl, qrCaption.x, qrY + qrSize + 14 + blocks.length * 11, qrCaption.width, { size: 7, align: 'center', color: MUTED, minSize: 4 });

  doc.moveTo(60, 508).lineTo(PAGE.width - 60, 508).lineWidth(0.5).strokeColor(ACCENT).stroke();
  type.line(`${tri((l) => l.certificateNumber)}: ${checked.certificateNumber}`, 60, 530, contentWidth, { size: 12, bold: true });
  const dates =
    `${tri((l) => l.issuedOn)}: ${day(checked.issuedAt)}    ` +
    `${tri((l) => l.validFrom)}: ${day(checked.validFrom)}    ${tri((l) => l.validUntil)}: ${day(checked.validUntil)}`;
  type.line(dates, 60, 550, contentWidth, { size: 9, color: MUTED });

  doc.file(Buffer.from(options.jws, 'utf8'), {
    name: EMBEDDED_CREDENTIAL_NAME,
    type: 'application/vc+jwt',
    description: 'Open Badges 3.0 credential, compact JWS (verify offline with the issuer JWKS)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
  });
  doc.end();
  return done;
}

/** Headline: country and outcome in every language; detail: the foreign standard, agreement and conditions. */
function recognitionLines(recognition: Recognition, blocks: readonly Block[]): [string, string] {
  const countriesText = blocks.map((b) => isolate(countryName(recognition.country, b.code))).join(' · ');
  const status = blocks.map((b) => isolate(b.labels.recognitionStatus[recognition.status])).join(' · ');
  const conditions = recognition.conditions?.length
    ? ` — ${blocks.map((b) => isolate(b.labels.conditions)).join(' · ')}: ${recognition.conditions.join('; ')}`
    : '';
  return [`${countriesText}: ${status}`, `${recognition.standardCode} ${recognition.standardName} (v${recognition.agreementVersion})${conditions}`];
}

function drawFrame(doc: PDFKit.PDFDocument): void {
  doc.lineWidth(2.5).strokeColor(ACCENT).rect(20, 20, PAGE.width - 40, PAGE.height - 40).stroke();
  doc.lineWidth(0.75).strokeColor(ACCENT).rect(28, 28, PAGE.width - 56, PAGE.height - 56).stroke();
  doc.fillColor(INK);
}

function countryName(code: string, language: string): string {
  return countries.getName(code, language) ?? countries.getName(code, 'en') ?? code;
}

/** The calendar date as written in the facts, i.e. in the issuing office's own time zone. */
function day(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
