import request from 'supertest';
import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@corridor/event-store';
import { openPostgres } from '@corridor/event-store';
import { Projector } from '@corridor/projections';
import { allProjections } from '../../../apps/api/src/open-runtime';
import type { Harness } from '../../support/corridor-harness';
import { auth } from '../../support/lifecycle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value, or throws what it last saw after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} not reached within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await sleep(250);
  }
}

export async function readStream(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) events.push(e);
  return events;
}

export interface Outcome {
  applicationId: string;
  certificateNumber: string;
  applicationTypes: string[];
  certificateTypes: string[];
  /** The events of the assessment session(s) the application was booked into (one session each here). */
  sessionTypes: string[];
}

/**
 * Waits until the application shows as certified in the read model and its certificate's own stream
 * exists (the certificate workflow starts once the application's closes), then reads both streams.
 */
export async function outcomeOf(h: Harness, applicationId: string, timeoutMs = 90_000): Promise<Outcome> {
  const certificateNumber = await eventually(
    `application ${applicationId} certified`,
    async () => {
      const res = await request(h.http).get(`/applications/${applicationId}`).set(auth(h.tokens.auditor));
      const body = res.body as { status?: string; certificateNumber?: string };
      return res.status === 200 && body.status === 'certified' ? body.certificateNumber : undefined;
    },
    timeoutMs,
  );
  const certificateTypes = await eventually(
    `certificate ${certificateNumber} activated with its credential on the record`,
    async () => {
      const types = (await readStream(h.store, `certificate-${certificateNumber}`)).map((e) => e.type);
      return types.includes('CredentialIssued') ? types : undefined;
    },
    timeoutMs,
  );
  const applicationEvents = await readStream(h.store, `application-${applicationId}`);
  const applicationTypes = applicationEvents.map((e) => e.type);
  const sessionTypes: string[] = [];
  for (const e of applicationEvents)
    if (e.type === 'AssessmentBooked') {
      const sessionId = (e.data as { sessionId: string }).sessionId;
      sessionTypes.push(...(await readStream(h.store, `session-${sessionId}`)).map((s) => s.type));
    }
  return { applicationId, certificateNumber, applicationTypes, certificateTypes, sessionTypes };
}

/**
 * The whole log as subscribers read it: every event id once. Waits until it holds `expected` events:
 * the global log shows an event only once no older transaction is open on the server (shared with
 * other tests), so the last few may appear a moment later; a count that never arrives is a loss.
 */
export async function readWholeLog(
  store: EventStore,
  expected: number,
): Promise<{ events: number; duplicates: string[] }> {
  const read = async () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    let events = 0;
    for await (const e of store.readAll()) {
      events++;
      if (seen.has(e.id)) duplicates.push(e.id);
      seen.add(e.id);
    }
    return { events, duplicates };
  };
  let last = await read();
  const deadline = Date.now() + 30_000;
  while (last.events < expected && Date.now() < deadline) {
    await sleep(500);
    last = await read();
  }
  return last;
}

async function tableRows(url: string, tables: string[]): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string[]> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
      out[table] = rows.map((r) => JSON.stringify(r.row)).sort();
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * Rebuilds every read model from the log into a new database on the same server and returns both
 * sides' rows (each row as JSON, sorted), for an equality assertion.
 */
export async function liveAndRebuiltReadModels(
  h: Harness,
  databaseUrl: string,
): Promise<{ live: Record<string, string[]>; rebuilt: Record<string, string[]> }> {
  const head = await h.store.headPosition();
  const name = `rebuild_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const target = new URL(databaseUrl);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString());
  try {
    const fresh = new Projector({ store: h.store, db, projections: allProjections });
    for (const p of fresh.names()) await fresh.rebuild(p);
    const tables = allProjections.flatMap((p) => p.tables);
    return {
      live: await waitForLive(databaseUrl, tables, head),
      rebuilt: await tableRows(target.toString(), tables),
    };
  } finally {
    await db.close();
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

/** The live read models once every projection's checkpoint has reached `head`. */
async function waitForLive(url: string, tables: string[], head: number): Promise<Record<string, string[]>> {
  await eventually(
    `live projections at position ${head}`,
    async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ behind: string }>(
          'SELECT count(*) AS behind FROM projection_checkpoints WHERE position < $1',
          [head],
        );
        return Number(rows[0]!.behind) === 0 ? true : undefined;
      } finally {
        await client.end();
      }
    },
    60_000,
  );
  return tableRows(url, tables);
}
