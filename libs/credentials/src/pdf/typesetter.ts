import type { FontResolver } from './font-resolution';
import { FONT_SLOTS, type FontSlot } from './font-slots';
import { layoutLine, type DrawPiece } from './script-runs';

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

interface PlacedPiece extends DrawPiece {
  fontName: string;
  features: string[];
}

/** The fontkit font behind pdfkit's current font (pdfkit keeps it on a field its typings do not declare). */
interface FontkitBacked {
  _font?: { font?: { hasGlyphForCodePoint?(codePoint: number): boolean } };
}

/** Single-line multilingual text on a pdfkit document, each run in the font that covers its script. */
export class Typesetter {
  private readonly registered = new Set<string>();
  private readonly coverage = new Map<string, boolean>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontResolver,
  ) {}

  /** Draws `text` with its baseline at `baseline`, inside [x, x + width]; returns the size used. */
  line(text: string, x: number, baseline: number, width: number, style: LineStyle): number {
    // NFC: a name typed with combining accents (NFD) prints with the fonts' precomposed letters.
    const pieces = this.pieces(text.normalize('NFC'), style);
    let size = style.size;
    const minSize = style.minSize ?? Math.min(6, style.size);
    // Widths scale linearly with the font size: shape once, then shrink by arithmetic.
    const unitWidth = this.measure(pieces, 1);
    while (unitWidth * size > width && size > minSize) size = Math.max(minSize, size * 0.94);
    const total = unitWidth * size;
    const align = style.align ?? 'left';
    let cursor = align === 'left' ? x : align === 'right' ? x + width - total : x + (width - total) / 2;
    this.doc.fillColor(style.color ?? '#1a1a1a');
    for (const piece of pieces) {
      // Shaping may put glyphs out of text order (Indic pre-base vowels, the Myanmar reordering done
      // before fontkit): ActualText keeps the logical text for copy-paste and extraction. Only those
      // runs carry it: poppler places ActualText less precisely than glyphs, and the other scripts'
      // glyph-to-Unicode mapping already reads back in order (right-to-left runs included).
      const marked = FONT_SLOTS[piece.font].reorders === true;
      if (marked) this.doc.markContent('Span', { actual: piece.logical });
      this.doc.font(piece.fontName).fontSize(size).text(piece.draw, cursor, baseline, { lineBreak: false, baseline: 'alphabetic', features: piece.features as PDFKit.Mixins.OpenTypeFeatures[] });
      if (marked) this.doc.endMarkedContent();
      cursor += this.doc.widthOfString(piece.draw, { features: piece.features as PDFKit.Mixins.OpenTypeFeatures[] });
    }
    return size;
  }

  private pieces(text: string, style: LineStyle): PlacedPiece[] {
    const covers = (slot: FontSlot, char: string) => this.covers(this.fontName(slot, style.bold), char);
    return layoutLine(text, style.direction ?? 'ltr', covers).map((piece) => ({
      ...piece,
      fontName: this.fontName(piece.font, style.bold),
      // A features list (even empty) makes pdfkit lay the whole run out at once instead of word by
      // word, so fontkit reverses a right-to-left run as a whole and shapes across spaces.
      features: [...(FONT_SLOTS[piece.font].features ?? [])],
    }));
  }

  /** Registers a slot's face with pdfkit on first use: only the scripts a line prints are looked up. */
  private fontName(slot: FontSlot, bold = false): string {
    const name = bold ? `${slot}-bold` : slot;
    if (!this.registered.has(name)) {
      const faces = this.fonts.faces(slot);
      const face = bold ? faces.bold : faces.regular;
      this.doc.registerFont(name, face.path, face.postscriptName);
      this.registered.add(name);
    }
    return name;
  }

  private covers(fontName: string, char: string): boolean {
    const key = `${fontName}\u0000${char}`;
    let known = this.coverage.get(key);
    if (known === undefined) {
      this.doc.font(fontName);
      const font = (this.doc as unknown as FontkitBacked)._font?.font;
      known = font?.hasGlyphForCodePoint ? font.hasGlyphForCodePoint(char.codePointAt(0)!) : true;
      this.coverage.set(key, known);
    }
    return known;
  }

  private measure(pieces: readonly PlacedPiece[], size: number): number {
    return pieces.reduce(
      (sum, piece) => sum + this.doc.font(piece.fontName).fontSize(size).widthOfString(piece.draw, { features: piece.features as PDFKit.Mixins.OpenTypeFeatures[] }),
      0,
    );
  }
}
