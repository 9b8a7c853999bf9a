import type { CertificateFonts } from './font-resolution';
import { drawablePieces, splitByFont, visualOrder, type FontSlot } from './script-runs';

export interface LineStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Paragraph direction; decides the order of mixed-direction segments. */
  direction?: 'ltr' | 'rtl';
  /** Lines wider than their box shrink down to this size instead of wrapping or overflowing. */
  minSize?: number;
}

interface PlacedRun {
  text: string;
  font: string;
}

/** Single-line multilingual text on a pdfkit document, each run in the font that covers its script. */
export class Typesetter {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    fonts: CertificateFonts,
  ) {
    doc.registerFont('text', fonts.text.path, fonts.text.postscriptName);
    doc.registerFont('text-bold', fonts.textBold.path, fonts.textBold.postscriptName);
    doc.registerFont('cjk', fonts.cjk.path, fonts.cjk.postscriptName);
    doc.registerFont('cjk-bold', fonts.cjkBold.path, fonts.cjkBold.postscriptName);
  }

  /** Draws `text` with its baseline at `baseline`, inside [x, x + width]; returns the size used. */
  line(text: string, x: number, baseline: number, width: number, style: LineStyle): number {
    const runs = this.runs(text, style);
    let size = style.size;
    const minSize = style.minSize ?? Math.min(6, style.size);
    let total = this.measure(runs, size);
    while (total > width && size > minSize) {
      size = Math.max(minSize, size * 0.94);
      total = this.measure(runs, size);
    }
    const align = style.align ?? 'left';
    let cursor = align === 'left' ? x : align === 'right' ? x + width - total : x + (width - total) / 2;
    this.doc.fillColor(style.color ?? '#1a1a1a');
    for (const run of runs) {
      this.doc.font(run.font).fontSize(size).text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cursor += this.doc.widthOfString(run.text);
    }
    return size;
  }

  private runs(text: string, style: LineStyle): PlacedRun[] {
    const fontName = (slot: FontSlot) => (style.bold ? `${slot}-bold` : slot);
    return visualOrder(text, style.direction ?? 'ltr')
      .flatMap(drawablePieces)
      .flatMap((piece) => splitByFont(piece).map((run) => ({ text: run.text, font: fontName(run.font) })));
  }

  private measure(runs: readonly PlacedRun[], size: number): number {
    return runs.reduce((sum, run) => sum + this.doc.font(run.font).fontSize(size).widthOfString(run.text), 0);
  }
}
