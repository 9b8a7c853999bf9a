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

/** Every statement is idempotent, so init() may run on every start (serialised by an advisory lock). */
export function schemaStatements(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
      stream text PRIMARY KEY,
      version bigint NOT NULL,
      last_hash text,
      last_recorded_at timestamptz,
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
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL,
      hash text NOT NULL,
      prev_hash text,
      CONSTRAINT events_stream_version_key UNIQUE (stream, version),
      CONSTRAINT events_id_key UNIQUE (id)
    )`,
    appendFunction(s),
  ];
}

/**
 * The whole append in one round trip: lock (or create) the stream row, answer a retried append
 * from the events it already wrote, check the expected version, chain the hashes and insert.
 * The client sends each event's data and metadata as canonical JSON text and the tail of the hashed
 * text; the function adds prevHash, recordedAt (its own clock, so one clock orders the log) and the
 * version, exactly as chain/event-hash.ts writes them, so verification recomputes the same hash.
 * Outcomes: 'ok', 'duplicate' (all ids already recorded, in order: the original result),
 * 'conflict' (expected version not met; stream_version is the actual one), 'id_conflict'.
 * NOTIFY is deliberately not sent here: a notifying commit takes a cluster-wide lock until it has
 * flushed, which would serialise concurrent writers; the store notifies after commit instead.
 */
function appendFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_events(
      p_stream text, p_expected text, p_expected_version bigint, p_stream_metadata jsonb,
      p_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[], p_tails text[])
    RETURNS TABLE (outcome text, stream_version bigint, positions bigint[])
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := cardinality(p_ids);
      v_found boolean;
      v_version bigint;
      v_hash text;
      v_last_at timestamptz;
      v_at timestamptz;
      v_at_text text;
      v_xid bigint;
      v_base bigint;
      v_hashes text[] := '{}';
      v_prevs text[] := '{}';
      i integer;
    BEGIN
      LOOP
        SELECT st.version, st.last_hash, st.last_recorded_at INTO v_version, v_hash, v_last_at
          FROM ${s}.streams st WHERE st.stream = p_stream FOR UPDATE;
        v_found := FOUND;
        IF v_found THEN
          PERFORM 1 FROM ${s}.events e WHERE e.id = p_ids[1];
          IF FOUND THEN
            RETURN QUERY
              SELECT CASE WHEN count(*) = n AND bool_and(e.stream = p_stream)
                            AND array_agg(e.id ORDER BY e.version) = p_ids
                            AND max(e.version) - min(e.version) = n - 1
                          THEN 'duplicate' ELSE 'id_conflict' END,
                     max(e.version), array_agg(e.position ORDER BY e.version)
                FROM ${s}.events e WHERE e.id = ANY(p_ids);
            RETURN;
          END IF;
        ELSE
          v_version := 0;
        END IF;
        IF (p_expected = 'no_stream' AND v_version <> 0)
           OR (p_expected = 'exists' AND v_version = 0)
           OR (p_expected = 'version' AND v_version <> p_expected_version) THEN
          RETURN QUERY SELECT 'conflict'::text, v_version, NULL::bigint[];
          RETURN;
        END IF;
        EXIT WHEN v_found;
        INSERT INTO ${s}.streams (stream, version, metadata, created_at)
          VALUES (p_stream, 0, coalesce(p_stream_metadata, '{}'::jsonb), date_trunc('milliseconds', clock_timestamp()))
          ON CONFLICT (stream) DO NOTHING;
        EXIT WHEN FOUND;
        -- Another transaction created the stream meanwhile: take its row lock and check again.
      END LOOP;

      -- Taken after the row lock, so recorded_at never runs backwards within a stream.
      v_at := greatest(date_trunc('milliseconds', clock_timestamp()), v_last_at);
      v_at_text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      v_xid := pg_current_xact_id()::text::bigint;
      IF v_xid >= ${MAX_TRANSACTION_ID} THEN
        RAISE EXCEPTION 'transaction id % no longer fits the position encoding', v_xid;
      END IF;
      -- A caller's transaction may hold several appends (SqlEventStore.appendIn): continue its ordinals.
      SELECT coalesce(max(e.position) + 1, v_xid * ${POSITION_SHIFT}) INTO v_base FROM ${s}.events e
        WHERE e.position >= v_xid * ${POSITION_SHIFT} AND e.position < (v_xid + 1) * ${POSITION_SHIFT};
      IF v_base + n > (v_xid + 1) * ${POSITION_SHIFT} THEN
        RAISE EXCEPTION 'more than % events in one transaction', ${MAX_EVENTS_PER_APPEND};
      END IF;
      FOR i IN 1..n LOOP
        v_prevs[i] := v_hash;
        v_hash := encode(sha256(convert_to(
          '{"data":' || p_data[i] || ',"id":"' || p_ids[i]::text || '","metadata":' || p_metadata[i]
          || ',"prevHash":' || coalesce('"' || v_hash || '"', 'null')
          || ',"recordedAt":"' || v_at_text || '"' || p_tails[i] || (v_version + i)::text || '}', 'UTF8')), 'hex');
        v_hashes[i] := v_hash;
      END LOOP;

      INSERT INTO ${s}.events (position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash)
        SELECT v_base + t.ord - 1, p_stream, v_version + t.ord, t.id, t.type, t.sv,
               t.data::jsonb, t.meta::jsonb, v_at, t.hash, t.prev
          FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata, v_hashes, v_prevs)
               WITH ORDINALITY AS t(id, type, sv, data, meta, hash, prev, ord);

      UPDATE ${s}.streams SET version = v_version + n, last_hash = v_hash, last_recorded_at = v_at
        WHERE stream = p_stream;

      RETURN QUERY SELECT 'ok'::text, v_version + n,
        ARRAY(SELECT v_base + g FROM generate_series(0, n - 1) AS g);
    END
    $fn$`;
}
