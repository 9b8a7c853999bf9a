import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/corridor-harness';
import { genericBodies, schemaBodies, seeded, type HostileBody, type JsonSchema } from '../support/hostile-bodies';
import { auth, Lifecycle } from '../support/lifecycle';
import { servedRoutes } from './served-routes';

/**
 * "Never lose, never stick, never mislead": hundreds of malformed bodies to every POST route the app
 * serves (found from Express, so a new route is covered without editing this file), against real
 * resources in states where the route's command would otherwise be checked and against made-up ids,
 * by every caller role the route lets through, with and without (good and bad) Idempotency-Keys.
 * Each answer must be a 4xx application/problem+json with a human message and a stable `code`, and
 * afterwards nothing may have changed: the event store's streams and head, the checkpoint ledger,
 * the workflows on the harness's task queue, Object.prototype.
 */
const BODY_MAX_DEPTH = 32; // the configuration's defaults (the harness does not override them)
const BODY_LIMIT_BYTES = 100 * 1024;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const MISSING_NUMBER = 'CN-2026-000000000000';
const ROLES = ['officerA', 'officerB', 'station', 'otherStation', 'auditor', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface Target {
  label: string;
  url: string;
}

let h: Harness;
let life: Lifecycle;
/** Real ids: an application per state the routes' commands need, a session with bookings, a certificate. */
const real: Record<string, string> = {};
let docs: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>; components: { schemas: Record<string, JsonSchema> } };

beforeAll(async () => {
  h = await startHarness('hostile');
  life = new Lifecycle(h);
  const submitted = await life.register('KZ-910001');
  const approved = await life.register('KZ-910002');
  await life.approve(approved.applicationId);
  const assessed = await life.register('KZ-910003');
  const certified = await life.register('KZ-910004');
  for (const a of [assessed, certified]) {
    await life.approve(a.applicationId);
    await life.exemptFully(a.applicationId);
  }
  const [assessedSession, certifiedSession] = await Promise.all([life.book(assessed.applicationId), life.book(certified.applicationId)]);
  await Promise.all([life.result(assessed.applicationId, assessedSession, 82, 88), life.result(certified.applicationId, certifiedSession, 82, 88)]);
  await life.grant(certified.applicationId);
  let number: string | null = null;
  for (let i = 0; i < 100 && !number; i++) {
    const view = await request(h.http).get(`/applications/${certified.applicationId}`).set(auth(h.tokens.officerA));
    number = (view.body as { certificateNumber: string | null }).certificateNumber;
    if (!number) await new Promise((r) => setTimeout(r, 100));
  }
  if (!number) throw new Error('the certified application has no certificate number');
  Object.assign(real, {
    submitted: submitted.applicationId,
    approved: approved.applicationId,
    assessed: assessed.applicationId,
    session: assessedSession,
    booked: assessed.applicationId,
    certificate: number,
  });
  docs = (await request(h.http).get('/docs-json').expect(200)).body as typeof docs;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** The real resource each path parameter of each route is tried with, plus made-up ones. */
function targets(path: string): Target[] {
  const application = /\/(training|decision)/.test(path) ? (path.includes('decision') ? real.assessed : real.approved) : real.submitted;
  const fill = (values: Record<string, string>) =>
    path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no value for :${name} in ${path}: add it to the hostile-input targets`);
      return encodeURIComponent(value);
    });
  if (!path.includes(':')) return [{ label: 'no ids', url: path }];
  const realIds: Record<string, string> = path.startsWith('/sessions')
    ? { id: real.session!, applicationId: real.booked! }
    : { id: application!, number: real.certificate! };
  return [
    { label: 'real ids', url: fill(realIds) },
    { label: 'made-up ids', url: fill({ id: MISSING_ID, applicationId: MISSING_ID, number: MISSING_NUMBER }) },
    { label: 'malformed ids', url: fill({ id: 'not-a-uuid', applicationId: '../../etc', number: `CN-${'9'.repeat(300)}` }) },
  ];
}

/** The route's request body schema from the OpenAPI document (paths there are `/x/{id}`). */
function bodySchemaOf(path: string): JsonSchema | undefined {
  const op = docs.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.post;
  return op?.requestBody?.content?.['application/json']?.schema;
}

interface Outcome {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

async function send(url: string, body: HostileBody, role: Role, idempotencyKey: string | undefined): Promise<Outcome> {
  let req = request(h.http).post(url).set(auth(h.tokens[role])).set('content-type', body.contentType);
  if (idempotencyKey !== undefined) req = req.set('idempotency-key', idempotencyKey);
  const res = await req.send(body.text);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = typeof res.body === 'object' && res.body && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
  } catch {
    parsed = { unparsed: res.text?.slice(0, 200) };
  }
  return { status: res.status, type: String(res.headers['content-type'] ?? ''), body: parsed };
}

/** What is wrong with an answer to a malformed request, or null when it is a proper refusal. */
function wrongWith(o: Outcome): string | null {
  if (o.status >= 500) return `${o.status} server error`;
  if (o.status < 400) return `${o.status}: the malformed request was accepted`;
  if (!/^application\/problem\+json/.test(o.type)) return `content-type ${o.type}`;
  if (typeof o.body.title !== 'string' || !o.body.title) return 'no title';
  if (typeof o.body.detail !== 'string' || !o.body.detail) return 'no detail (no human message)';
  if (typeof o.body.code !== 'string' || !o.body.code) return 'no code';
  return null;
}

interface Snapshot {
  head: number;
  streams: { stream: string; version: string }[];
  streamRows: number;
  checkpoints: number;
  workflows: number;
}

async function snapshot(): Promise<Snapshot> {
  const streams = await h.db.query<{ stream: string; version: string }>(
    'SELECT stream, max(version)::text AS version FROM event_store.events GROUP BY stream ORDER BY stream',
  );
  const streamRows = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store.streams');
  // The checkpoint ledger (its own tables, beside the event store): a taken checkpoint is a change too.
  let checkpointRows = 0;
  for (const t of (await h.db.query<{ s: string; t: string }>(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_name LIKE '%checkpoint%'`)).rows)
    checkpointRows += (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.s}"."${t.t}"`)).rows[0]!.n;
  const { count } = await h.temporal.workflow.count(`TaskQueue = "${h.taskQueue}"`);
  return { head: await h.store.headPosition(), streams: streams.rows, streamRows: streamRows.rows[0]!.n, checkpoints: checkpointRows, workflows: count };
}

/** Waits until the setup's own work (workflows appending events, projections) has settled. */
async function settled(): Promise<Snapshot> {
  let last = await snapshot();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const next = await snapshot();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

/** The roles the route's guard lets through (anything but 401/403 for an empty JSON object). */
async function allowedRoles(url: string): Promise<Role[]> {
  const out: Role[] = [];
  for (const role of ROLES) {
    const res = await send(url, { label: 'probe', text: '{"__probe__":1}', contentType: 'application/json' }, role, undefined);
    if (res.status !== 401 && res.status !== 403) out.push(role);
  }
  return out;
}

const BAD_KEYS: (string | undefined)[] = [undefined, 'KEY', '', ' ', 'k'.repeat(5000), 'not a uuid with spaces', 'key\twith\ttabs', 'ünïcödé-lätin1'];

describe('hostile input on every POST route', () => {
  it('refuses hundreds of malformed bodies with 4xx problem+json and changes nothing', async () => {
    const posts = servedRoutes(h.app).filter((r) => r.method === 'POST').map((r) => r.path);
    expect(posts.length).toBeGreaterThan(20);
    const before = await settled();
    const random = seeded(20261128);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const generic = genericBodies(BODY_MAX_DEPTH, BODY_LIMIT_BYTES);
    const wrong: string[] = [];
    let sent = 0;
    const perRoute: Record<string, number> = {};
    for (const path of posts) {
      const schema = bodySchemaOf(path);
      // A route without a request body schema takes no body: any body on it is malformed.
      const specific = schema ? schemaBodies(schema, docs.components.schemas) : [{ label: 'a body on a route that takes none', text: '{"unexpected":true}', contentType: 'application/json' }];
      if (schema && Object.keys(schema.properties ?? { shapes: 1 }).length && specific.length < 4) throw new Error(`POST ${path}: only ${specific.length} bodies from its schema ${JSON.stringify(schema)}`);
      const all = [...generic, ...specific];
      for (const target of targets(path)) {
        const roles = await allowedRoles(target.url);
        if (!roles.length) throw new Error(`POST ${path}: no role may call it (hostile-input roles out of date?)`);
        // Made-up ids get a sample of the bodies: the real ids are where a slip would change something.
        const bodies = target.label === 'real ids' ? all : all.filter(() => random() < 0.25);
        for (const [i, body] of bodies.entries()) {
          const role = roles[i % roles.length]!;
          const key = i % 3 === 0 ? randomUUID() : pick(BAD_KEYS);
          const o = await send(target.url, body, role, key);
          sent++;
          perRoute[path] = (perRoute[path] ?? 0) + 1;
          const problem = wrongWith(o);
          if (problem)
            wrong.push(`POST ${path} (${target.label}, ${role}, key ${JSON.stringify(key)?.slice(0, 30)}) with ${body.label}: ${problem} ${JSON.stringify(o.body).slice(0, 300)}`);
        }
      }
    }
    const after = await settled(); // Temporal visibility lags: a workflow started by a slip shows up within it
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(1000); // ~1,600 today
    expect(Object.keys(perRoute).sort()).toEqual([...posts].sort()); // every POST route was exercised
    expect(after).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 90_000);
});

describe('hostile path parameters and query strings on GET routes', () => {
  it('answers bad ids, control characters and huge values with 4xx problem+json, never 5xx', async () => {
    const gets = servedRoutes(h.app)
      .filter((r) => r.method === 'GET' && !r.path.startsWith('/docs'))
      .map((r) => r.path);
    const BAD_PARAMS = ['not-a-uuid', '%00', '%07', '%C2%85', '%ED%A0%80', 'x'.repeat(5000), '..%2F..%2Fetc', '%E2%80%AE', '-1', '1e400'];
    const BAD_QUERIES = ['?limit=-1', '?limit=1e400', '?limit=NaN', '?cursor=%00', `?status=${'s'.repeat(5000)}`, '?groupBy=__proto__', '?__proto__[polluted]=yes', '?limit[]=1&limit[]=2', '?from=%ED%A0%80', '?q=%C2%85'];
    const wrong: string[] = [];
    let sent = 0;
    for (const path of gets) {
      const urls = path.includes(':')
        ? BAD_PARAMS.map((p) => path.replace(/:([A-Za-z]+)/g, p))
        : BAD_QUERIES.map((q) => `${path}${q}`);
      for (const url of urls) {
        const res = await request(h.http).get(url).set(auth(h.tokens.admin));
        sent++;
        const type = String(res.headers['content-type'] ?? '');
        // Public reads may answer a harmless query with 200 (unknown query parameters are ignored
        // there); what they must never do is fail or mislead.
        if (res.status >= 500) wrong.push(`GET ${url.slice(0, 120)}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (res.status >= 400 && (!/^application\/problem\+json/.test(type) || !res.body.code || !res.body.detail))
          wrong.push(`GET ${url.slice(0, 120)}: ${res.status} ${type} ${res.text.slice(0, 200)}`);
        else if (path.includes(':') && res.status < 400) wrong.push(`GET ${url.slice(0, 120)}: ${res.status} for a malformed id`);
      }
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(100);
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 60_000);
});
