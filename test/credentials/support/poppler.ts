import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Runs a poppler-utils tool; a missing binary is reported with the package that provides it. */
export function poppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfdetach', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: apt-get install -y poppler-utils`);
    throw error;
  }
}

export function pdfText(pdfPath: string): string {
  return poppler('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
}

/** Renders page 1 at 150 dpi and decodes the first QR code found on it. */
export function decodePageQr(pdfPath: string, outPrefix: string): string | undefined {
  poppler('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdfPath, outPrefix]);
  const png = PNG.sync.read(readFileSync(`${outPrefix}.png`));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height, {
    inversionAttempts: 'dontInvert',
  });
  return code?.data;
}
