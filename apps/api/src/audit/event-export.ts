import type { RecordedEvent } from '@corridor/event-store';

/** One event as the audit API and exports show it: stored fields, hash chain included. */
export interface AuditEvent {
  position: number;
  stream: string;
  version: number;
  id: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  hash: string;
  prevHash: string | null;
  data: unknown;
  metadata: Record<string, unknown>;
}

export const toAuditEvent = (e: RecordedEvent): AuditEvent => ({
  position: e.position,
  stream: e.stream,
  version: e.version,
  id: e.id,
  type: e.type,
  schemaVersion: e.schemaVersion,
  recordedAt: e.recordedAt.toISOString(),
  hash: e.hash,
  prevHash: e.prevHash,
  data: e.data,
  metadata: e.metadata,
});

export type ExportFormat = 'jsonl' | 'csv';

export const exportContentType: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export const CSV_COLUMNS = ['position', 'stream', 'version', 'type', 'recorded_at', 'hash', 'prev_hash', 'data'] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

export const csvRow = (e: RecordedEvent): string =>
  [e.position, e.stream, e.version, e.type, e.recordedAt.toISOString(), e.hash, e.prevHash, JSON.stringify(e.data)].map(csvField).join(',') + '\r\n';

export const jsonlLine = (e: RecordedEvent): string => `${JSON.stringify(toAuditEvent(e))}\n`;
