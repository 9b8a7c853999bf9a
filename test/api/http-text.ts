import request from 'supertest';
import type { Harness } from '../support/corridor-harness';
import { auth } from '../support/lifecycle';

/** GET that keeps the body as text whatever the content type (supertest only buffers text/* and JSON). */
export async function getText(h: Harness, path: string, token?: string): Promise<{ status: number; type: string; headers: Record<string, string>; text: string }> {
  let req = request(h.http).get(path);
  if (token) req = req.set(auth(token));
  const res = await req.buffer(true).parse((stream, done) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => done(null, text));
  });
  return { status: res.status, type: String(res.headers['content-type'] ?? ''), headers: res.headers, text: res.body as string };
}

/** RFC 4180 parser, enough to read the audit CSV export back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}
