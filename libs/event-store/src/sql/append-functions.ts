/**
 * The append, server-side, in plpgsql (plans cached per connection, one round trip per append).
 *
 * Concurrency rests on the unique index on (stream, version): two appends after the same event
 * cannot both commit. The fast path takes no lock: it looks up the event it follows and inserts
 * after it, and any surprise (that event missing, a version or id already taken, a stream that
 * already exists) makes it return nothing or raise a unique violation; the store then takes the
 * slow path, which serialises on the stream (advisory lock), answers retried appends from the
 * events they already wrote, reports version conflicts with the actual version, and appends.
 *
 * The client sends each event's data and metadata as canonical JSON text and the tail of the hashed
 * text; write_events adds prevHash, recordedAt (the database clock, so one clock orders the log)
 * and the version exactly as chain/event-hash.ts writes them, so verification recomputes the hash.
 * NOTIFY is deliberately not sent here: a notifying commit takes a cluster-wide lock until it has
 * flushed, which would serialise concurrent writers; the store notifies after commit instead.
 */
const eventParams = `p_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[], p_tails text[]`;
const eventArgs = `p_ids, p_types, p_schema_versions, p_data, p_metadata, p_tails`;

export function appendFunctions(s: string): string[] {
  return [writeEvents(s), appendFast(s), appendSlow(s)];
}

/** Chains and inserts events after (p_version, p_prev_hash); returns their positions. */
function writeEvents(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.write_events(
      p_stream text, p_version bigint, p_prev_hash text, p_prev_at timestamptz, ${eventParams},
      p_in_caller_transaction boolean)
    RETURNS bigint[] LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := cardinality(p_ids);
      v_hash text := p_prev_hash;
      v_hashes text[] := '{}';
      v_prevs text[] := '{}';
      v_xid bigint := pg_current_xact_id()::text::bigint;
      v_base bigint;
      -- Never earlier than the previous event, so recorded_at never runs backwards in a stream.
      v_at timestamptz := greatest(date_trunc('milliseconds', clock_timestamp()), p_prev_at);
      v_at_text text;
      i integer;
    BEGIN
      v_at_text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      v_base := v_xid * 65536;
      IF p_in_caller_transaction THEN
        -- The caller's transaction may hold several appends (SqlEventStore.appendIn): continue its ordinals.
        SELECT coalesce(max(e.position) + 1, v_base) INTO v_base FROM ${s}.events e
          WHERE e.position >= v_xid * 65536 AND e.position < (v_xid + 1) * 65536;
      END IF;
      FOR i IN 1..n LOOP
        v_prevs[i] := v_hash;
        v_hash := encode(sha256(convert_to(
          '{"data":' || p_data[i] || ',"id":"' || p_ids[i]::text || '","metadata":' || p_metadata[i]
          || ',"prevHash":' || coalesce('"' || v_hash || '"', 'null')
          || ',"recordedAt":"' || v_at_text || '"' || p_tails[i] || (p_version + i)::text || '}', 'UTF8')), 'hex');
        v_hashes[i] := v_hash;
      END LOOP;
      -- The check constraints on events reject a position that outgrew its encoding.
      INSERT INTO ${s}.events (position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash)
        SELECT v_base + t.ord - 1, p_stream, p_version + t.ord, t.id, t.type, t.sv,
               t.data::json, t.meta::jsonb, v_at, t.hash, t.prev
          FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata, v_hashes, v_prevs)
               WITH ORDINALITY AS t(id, type, sv, data, meta, hash, prev, ord);
      RETURN ARRAY(SELECT v_base + g FROM generate_series(0, n - 1) AS g);
    END
    $fn$`;
}

/**
 * p_after: the version to append after (0: create the stream), or -1: after whatever is last.
 * Returns a NULL version when the slow path must decide.
 */
function appendFast(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_fast(
      p_stream text, p_after bigint, p_stream_metadata jsonb, ${eventParams},
      OUT stream_version bigint, OUT positions bigint[])
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_version bigint := p_after;
      v_hash text;
      v_at timestamptz;
    BEGIN
      IF p_after < 0 THEN
        SELECT e.version, e.hash, e.recorded_at INTO v_version, v_hash, v_at FROM ${s}.events e
          WHERE e.stream = p_stream ORDER BY e.version DESC LIMIT 1;
        IF NOT FOUND THEN RETURN; END IF;
        -- After "whatever is last", a retried append would go through: let the slow path look.
        PERFORM 1 FROM ${s}.events e WHERE e.id = p_ids[1];
        IF FOUND THEN RETURN; END IF;
      ELSIF p_after = 0 THEN
        -- Raises a unique violation when the stream exists.
        INSERT INTO ${s}.streams (stream, metadata, created_at)
          VALUES (p_stream, coalesce(p_stream_metadata, '{}'::jsonb), date_trunc('milliseconds', clock_timestamp()));
      ELSE
        SELECT e.hash, e.recorded_at INTO v_hash, v_at FROM ${s}.events e
          WHERE e.stream = p_stream AND e.version = p_after;
        IF NOT FOUND THEN RETURN; END IF;
      END IF;
      positions := ${s}.write_events(p_stream, v_version, v_hash, v_at, ${eventArgs}, false);
      stream_version := v_version + cardinality(p_ids);
    END
    $fn$`;
}

/** Outcomes: 'ok', 'duplicate' (the original result), 'conflict' (with the actual version), 'id_conflict'. */
function appendSlow(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_slow(
      p_stream text, p_expected text, p_expected_version bigint, p_stream_metadata jsonb, ${eventParams},
      p_in_caller_transaction boolean,
      OUT outcome text, OUT stream_version bigint, OUT positions bigint[])
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := cardinality(p_ids);
      v_version bigint;
      v_hash text;
      v_at timestamptz;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended('corridor-append:' || p_stream, 0));
      PERFORM 1 FROM ${s}.events e WHERE e.id = ANY(p_ids);
      IF FOUND THEN
        SELECT CASE WHEN count(*) = n AND bool_and(e.stream = p_stream)
                      AND array_agg(e.id ORDER BY e.version) = p_ids
                      AND max(e.version) - min(e.version) = n - 1
                    THEN 'duplicate' ELSE 'id_conflict' END,
               max(e.version), array_agg(e.position ORDER BY e.version)
          INTO outcome, stream_version, positions
          FROM ${s}.events e WHERE e.id = ANY(p_ids);
        RETURN;
      END IF;
      SELECT e.version, e.hash, e.recorded_at INTO v_version, v_hash, v_at FROM ${s}.events e
        WHERE e.stream = p_stream ORDER BY e.version DESC LIMIT 1;
      v_version := coalesce(v_version, 0);
      IF (p_expected = 'no_stream' AND v_version <> 0)
         OR (p_expected = 'exists' AND v_version = 0)
         OR (p_expected = 'version' AND v_version <> p_expected_version) THEN
        outcome := 'conflict';
        stream_version := v_version;
        RETURN;
      END IF;
      IF v_version = 0 THEN
        INSERT INTO ${s}.streams (stream, metadata, created_at)
          VALUES (p_stream, coalesce(p_stream_metadata, '{}'::jsonb), date_trunc('milliseconds', clock_timestamp()));
      END IF;
      -- May still raise a unique violation if a fast-path append got in first: the store retries.
      positions := ${s}.write_events(p_stream, v_version, v_hash, v_at, ${eventArgs}, p_in_caller_transaction);
      outcome := 'ok';
      stream_version := v_version + n;
    END
    $fn$`;
}
