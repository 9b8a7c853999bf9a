/**
 * The append, server-side, in plpgsql (plans cached per connection, one round trip per append).
 * The store's fast path is now one prepared SQL statement (append-statements.ts), which does what
 * append_fast does without plpgsql; append_fast is still created for processes of the previous
 * release that share the database during a rolling deploy. append_slow is the slow path.
 *
 * Concurrency rests on the unique index on (stream, version): two appends after the same event
 * cannot both commit. The fast path takes no lock: it looks up the event it follows and inserts
 * after it, and any surprise (that event missing, a version or id already taken, a stream that
 * already exists) makes it return nothing or raise a unique violation; the store then takes the
 * slow path, which serialises on the stream (advisory lock), answers retried appends from the
 * events they already wrote, reports version conflicts with the actual version, and appends.
 *
 * The client sends each event's data and metadata as canonical JSON text and the tail of the hashed
 * text; the write step adds prevHash, recordedAt (the database clock, so one clock orders the log)
 * and the version exactly as chain/event-hash.ts writes them, so verification recomputes the hash.
 * NOTIFY is deliberately not sent here: a notifying commit takes a cluster-wide lock until it has
 * flushed, which would serialise concurrent writers; the store notifies after commit instead.
 */
const eventParams = `p_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[], p_tails text[]`;

export function appendFunctions(s: string): string[] {
  return [
    `DROP FUNCTION IF EXISTS ${s}.write_events`,
    // Earlier development signatures returned the positions as an array.
    `DROP FUNCTION IF EXISTS ${s}.append_fast`,
    `DROP FUNCTION IF EXISTS ${s}.append_slow`,
    appendFast(s),
    appendSlow(s),
  ];
}

/** Variables the write step below needs in the function that includes it. */
const writeDeclarations = `
      v_hashes text[] := '{}';
      v_prevs text[] := '{}';
      v_xid bigint;
      v_base bigint;
      v_at_text text;
      i integer;`;

/**
 * Chains and inserts the events after (v_version, v_hash, v_at), leaving the first one's position
 * in \`first_position\`. Spliced into both functions rather than called: a nested plpgsql call costs about
 * as much as one of the statements here.
 */
function writeEvents(s: string, inCallerTransaction: string): string {
  return `
      -- Never earlier than the previous event, so recorded_at never runs backwards in a stream.
      v_at := greatest(date_trunc('milliseconds', clock_timestamp()), v_at);
      v_at_text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      v_xid := pg_current_xact_id()::text::bigint;
      v_base := v_xid * 65536; -- POSITION_SHIFT (event-store-schema.ts)
      IF ${inCallerTransaction} THEN
        -- The caller's transaction may hold several appends (SqlEventStore.appendIn): continue its ordinals.
        SELECT coalesce(max(e.position) + 1, v_base) INTO v_base FROM ${s}.events e
          WHERE e.position >= v_xid * 65536 AND e.position < (v_xid + 1) * 65536;
      END IF;
      FOR i IN 1..cardinality(p_ids) LOOP
        v_prevs[i] := v_hash;
        v_hash := encode(sha256(convert_to(
          '{"data":' || p_data[i] || ',"id":"' || p_ids[i]::text || '","metadata":' || p_metadata[i]
          || ',"prevHash":' || coalesce('"' || v_hash || '"', 'null')
          || ',"recordedAt":"' || v_at_text || '"' || p_tails[i] || (v_version + i)::text || '}', 'UTF8')), 'hex');
        v_hashes[i] := v_hash;
      END LOOP;
      -- The check constraints on events reject a position that outgrew its encoding.
      IF cardinality(p_ids) = 1 THEN
        -- The common single event: VALUES plans cheaper than unnest.
        INSERT INTO ${s}.events (position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash)
          VALUES (v_base, p_stream, v_version + 1, p_ids[1], p_types[1], p_schema_versions[1],
                  p_data[1]::json, p_metadata[1]::jsonb, v_at, v_hash, v_prevs[1]);
      ELSE
        INSERT INTO ${s}.events (position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash)
          SELECT v_base + t.ord - 1, p_stream, v_version + t.ord, t.id, t.type, t.sv,
                 t.data::json, t.meta::jsonb, v_at, t.hash, t.prev
            FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata, v_hashes, v_prevs)
                 WITH ORDINALITY AS t(id, type, sv, data, meta, hash, prev, ord);
      END IF;
      -- The events take consecutive positions from here; the client spells them out.
      first_position := v_base;
      stream_version := v_version + cardinality(p_ids);`;
}

/**
 * p_after: the version to append after (0: create the stream), or -1: after whatever is last.
 * Returns a NULL version when the slow path must decide.
 */
function appendFast(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_fast(
      p_stream text, p_after bigint, p_stream_metadata jsonb, ${eventParams},
      OUT stream_version bigint, OUT first_position bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_version bigint := p_after;
      v_hash text;
      v_at timestamptz;${writeDeclarations}
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
${writeEvents(s, 'false')}
    END
    $fn$`;
}

/** Outcomes: 'ok', 'duplicate' (the original result), 'conflict' (with the actual version), 'id_conflict'. */
function appendSlow(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_slow(
      p_stream text, p_expected text, p_expected_version bigint, p_stream_metadata jsonb, ${eventParams},
      p_in_caller_transaction boolean,
      OUT outcome text, OUT stream_version bigint, OUT first_position bigint, OUT positions bigint[])
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := cardinality(p_ids);
      v_version bigint;
      v_hash text;
      v_at timestamptz;${writeDeclarations}
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
${writeEvents(s, 'p_in_caller_transaction')}
      outcome := 'ok';
    END
    $fn$`;
}
