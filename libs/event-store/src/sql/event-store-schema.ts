import { appendFunctions } from './append-functions';
import { quoteIdent } from './quote-ident';

/**
 * Global positions are (transaction id, ordinal within the transaction) packed into one number:
 * position = transaction_id * 2^16 + ordinal. Ordering by position is therefore ordering by
 * (transaction_id, ordinal), the order in which rows become visible below
 * pg_snapshot_xmin(pg_current_snapshot()). A bigserial would not do: sequence values are taken in
 * insert order but commit in a different one, so a checkpoint on it can skip a late commit.
 * 2^16 events per append and transaction ids below 2^37 keep positions exact in a JS number.
 */
export const POSITION_SHIFT = 65536;
export const MAX_EVENTS_PER_APPEND = POSITION_SHIFT - 1;
export const MAX_TRANSACTION_ID = 2 ** 37;

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Every statement is idempotent, so init() may run on every start (serialised by an advisory lock). */
export function schemaStatements(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    // A stream's version is its last event's (the unique index on events guards it); the stream row
    // holds what is recorded once, at creation.
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
      stream text PRIMARY KEY,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.events (
      position bigint PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream text NOT NULL,
      version bigint NOT NULL,
      id uuid NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      -- json, not jsonb: it keeps the canonical text the hash was made from, so verification
      -- hashes the stored text as is instead of re-serialising every event.
      data json NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL,
      hash text NOT NULL,
      prev_hash text,
      CONSTRAINT events_stream_version_key UNIQUE (stream, version),
      CONSTRAINT events_id_key UNIQUE (id),
      -- The position encoding: exact in a JS number, and the high part is the writing transaction.
      CONSTRAINT events_position_encoding CHECK (
        position < ${MAX_TRANSACTION_ID * POSITION_SHIFT} AND position / ${POSITION_SHIFT} = transaction_id::text::bigint)
    )`,
    // Earlier development schemas: data as jsonb (verification falls back to re-serialising those
    // rows), and a version and last hash kept on the stream row.
    `DO $$ BEGIN
       IF (SELECT data_type FROM information_schema.columns
             WHERE table_schema = ${literal(schema)} AND table_name = 'events' AND column_name = 'data') = 'jsonb' THEN
         ALTER TABLE ${s}.events ALTER COLUMN data TYPE json USING data::json;
       END IF;
     END $$`,
    `ALTER TABLE ${s}.streams DROP COLUMN IF EXISTS version, DROP COLUMN IF EXISTS last_hash, DROP COLUMN IF EXISTS last_recorded_at`,
    `DROP FUNCTION IF EXISTS ${s}.append_events(text, text, bigint, jsonb, uuid[], text[], integer[], text[], text[], text[])`,
    `DROP FUNCTION IF EXISTS ${s}.append_events(text, text, bigint, jsonb, uuid[], text[], integer[], text[], text[], text[], boolean)`,
    ...appendFunctions(s),
  ];
}
