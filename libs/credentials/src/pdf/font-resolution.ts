import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FONT_SLOTS, type FontSlot, type FontSlotSpec } from './font-slots';

/** A font file, plus the face to pick when the file is a collection (.ttc). */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

/** Regular and bold faces of one slot (bold falls back to regular where a script has no bold). */
export interface SlotFaces {
  regular: FontFace;
  bold: FontFace;
}

/**
 * Configured faces that replace the Debian defaults. `text`/`cjk` (and their bold variants) are kept
 * from the first version of this API; `slots` overrides any script's slot.
 */
export interface CertificateFonts {
  text: FontFace;
  textBold: FontFace;
  cjk: FontFace;
  cjkBold: FontFace;
  slots: Partial<Record<FontSlot, Partial<SlotFaces>>>;
}

export class MissingFontError extends Error {
  override readonly name = 'MissingFontError';
  constructor(
    message: string,
    /** The slot (script family) that has no font, e.g. `thai`. */
    readonly slot: FontSlot,
    /** Debian package that provides the font. */
    readonly debianPackage: string,
  ) {
    super(message);
  }
}

export interface FontLookup {
  exists(path: string): boolean;
  /** Files fontconfig knows for a family and style; empty when fontconfig is absent. */
  fontconfig(family: string, style: 'Regular' | 'Bold'): string[];
}

/**
 * Debian paths are tried first (exact and fast); fontconfig's `fc-list` then finds the same family
 * installed elsewhere (another distribution's layout, fonts under /usr/local or ~/.fonts).
 */
export const systemFontLookup: FontLookup = {
  exists: existsSync,
  fontconfig(family, style) {
    try {
      const out = execFileSync('fc-list', ['--format', '%{file}\\n', `${family}:style=${style}`], { encoding: 'utf8', timeout: 5_000 });
      return out
        .split('\n')
        .map((line) => line.trim())
        .filter((file) => /\.(ttf|otf)$/i.test(file))
        .sort();
    } catch {
      return [];
    }
  },
};

/**
 * Finds each slot's faces on first use and remembers them, so a document resolves only the scripts it
 * prints: a machine without the Mongolian font still prints every other certificate.
 */
export class FontResolver {
  private readonly cache = new Map<FontSlot, SlotFaces>();

  constructor(
    private readonly overrides: Partial<CertificateFonts> = {},
    private readonly lookup: FontLookup = systemFontLookup,
  ) {}

  faces(slot: FontSlot): SlotFaces {
    let faces = this.cache.get(slot);
    if (!faces) {
      faces = this.resolve(slot);
      this.cache.set(slot, faces);
    }
    return faces;
  }

  /** True when the slot's regular face can be found (used to report missing packages up front). */
  available(slot: FontSlot): boolean {
    try {
      this.faces(slot);
      return true;
    } catch (error) {
      if (error instanceof MissingFontError) return false;
      throw error;
    }
  }

  private resolve(slot: FontSlot): SlotFaces {
    const spec = FONT_SLOTS[slot];
    const override = this.override(slot);
    for (const face of [override.regular, override.bold]) {
      if (face && !this.lookup.exists(face.path)) {
        throw new MissingFontError(`font for ${spec.label} not found at ${face.path} (configured override)`, slot, spec.regular[0]!.debianPackage);
      }
    }
    const regular = override.regular ?? this.find(spec, spec.regular, 'Regular');
    if (!regular) {
      const packages = [...new Set(spec.regular.map((c) => c.debianPackage))];
      throw new MissingFontError(
        `no font for ${spec.label} in the certificate PDF: looked for ${spec.regular.map((c) => c.path).join(', ')} and asked fontconfig for "${spec.family}". ` +
          `Install the Debian package ${packages[0]} (apt-get install -y ${packages[0]})` +
          (packages.length > 1 ? ` or one of ${packages.slice(1).join(', ')}` : ''),
        slot,
        packages[0]!,
      );
    }
    const bold = override.bold ?? this.find(spec, spec.bold, 'Bold') ?? regular;
    return { regular, bold };
  }

  private find(spec: FontSlotSpec, candidates: FontSlotSpec['regular'], style: 'Regular' | 'Bold'): FontFace | undefined {
    const known = candidates.find((c) => this.lookup.exists(c.path));
    if (known) return { path: known.path, ...(known.postscriptName ? { postscriptName: known.postscriptName } : {}) };
    // Collections need a PostScript name, which fc-list's file list does not give: only single-face files.
    const found = this.lookup.fontconfig(spec.family, style)[0];
    return found ? { path: found } : undefined;
  }

  private override(slot: FontSlot): Partial<SlotFaces> {
    const o = this.overrides;
    const legacy: Partial<SlotFaces> =
      slot === 'text'
        ? { ...(o.text ? { regular: o.text } : {}), ...(o.textBold ? { bold: o.textBold } : {}) }
        : slot === 'cjk'
          ? { ...(o.cjk ? { regular: o.cjk } : {}), ...(o.cjkBold ? { bold: o.cjkBold } : {}) }
          : {};
    return { ...legacy, ...o.slots?.[slot] };
  }
}

/** Which script slots have no font on this machine, with the package to install (for start-up warnings). */
export function missingCertificateFonts(resolver = new FontResolver()): { slot: FontSlot; label: string; debianPackage: string }[] {
  return (Object.keys(FONT_SLOTS) as FontSlot[])
    .filter((slot) => !resolver.available(slot))
    .map((slot) => ({ slot, label: FONT_SLOTS[slot].label, debianPackage: FONT_SLOTS[slot].regular[0]!.debianPackage }));
}
