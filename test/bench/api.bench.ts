import 'reflect-metadata';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { Client as PgClient } from 'pg';
import { domainEventCodec, type ApplicationEvent } from '@corridor/domain';
import { openEventStore, SqlEventStore, type NewEvent } from '@corridor/event-store';
import { Projector } from '@corridor/projections';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/corridor-config';
import { generateSigningKey, issueToken, TokenVerifier } from '../../apps/api/src/auth/token-service';
import { allProjections } from '../../apps/api/src/open-runtime';
import { startDevServer } from '../../apps/cli/src/temporal-dev-server';

/**
 * API read-path benchmark: 100,000 applications in a fresh Postgres database, written straight
 * into the event store (validated by the domain codec) and projected by the real projector, then
 * the worklist and the detail endpoint under autocannon. Progress goes to stderr, one JSON line
 * to stdout.
 *
 * Each endpoint is loaded twice: with one connection (latency is the service time) and with
 * BENCH_CONNECTIONS (latency includes queueing behind the other connections).
 *
 * Settings (environment): BENCH_PG_ADMIN_URL, BENCH_APPLICATIONS (100000), BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (10), BENCH_KEEP_DB=1 to keep the database, BENCH_DATABASE_URL to measure a
 * database a previous run kept (no fill, not dropped).
 */

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const applications = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const perTransaction = 1000;
const writers = 4;
const worklistP99TargetMs = 20;

const log = (message: string): void => void process.stderr.write(`[api-bench] ${message}\n`);
const elapsed = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

const NATIONALITIES = ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'MN', 'CN', 'TH'];
const STATIONS = ['ST-KZ-ALA', 'ST-KZ-AST', 'ST-UZ-TAS', 'ST-KG-BIS', 'ST-TH-BKK', 'ST-CN-XIA'];
const LANGUAGES = ['kk', 'ru', 'uz', 'ky', 'tg', 'zh', 'th'];

/** The events of application number i: every one registered; about 30 % approved, 5 % rejected. */
function eventsOf(i: number, applicationId: string): NewEvent[] {
  const registeredAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  const stationId = STATIONS[i % STATIONS.length]!;
  const station = { id: `bench-station-${stationId}`, role: 'station' as const, stationId };
  const registered: Extract<ApplicationEvent, { type: 'ApplicationRegistered' }>['data'] = {
    applicationId,
    candidate: {
      id: `BENCH-${String(i).padStart(7, '0')}`,
      fullName: `Candidate ${i}`,
      nationality: NATIONALITIES[i % NATIONALITIES.length]!,
      language: LANGUAGES[i % LANGUAGES.length]!,
    },
    standardCode: 'BR-AUTO-MECH',
    level: 'senior',
    stationId,
    schemeVersion: 1,
    registeredBy: station,
    at: registeredAt.toISOString(),
    reviewDueBy: new Date(registeredAt.getTime() + 10 * 86_400_000).toISOString(),
  };
  const events: NewEvent[] = [{ id: randomUUID(), type: 'ApplicationRegistered', data: registered }];
  const officer = { id: 'bench-officer', role: 'officer' as const };
  const at = new Date(registeredAt.getTime() + 3_600_000).toISOString();
  if (i % 20 === 7)
    events.push({
      id: randomUUID(),
      type: 'EligibilityRejected',
      data: { applicationId, by: officer, reason: 'incomplete documents', unmet: [], at },
    });
  else if (i % 10 < 3)
    events.push({
      id: randomUUID(),
      type: 'EligibilityApproved',
      data: { applicationId, by: officer, note: 'documents complete', at },
    });
  return events;
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `corridor_bench_api_${Date.now()}_${process.pid}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new PgClient({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

type Figures = Awaited<ReturnType<typeof load>>;

async function load(name: string, url: string, paths: string[], token: string, clients: number) {
  const result = await autocannon({
    url,
    connections: clients,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    // Cycled through by each connection.
    requests: paths.map((path) => ({ method: 'GET', path })),
    // Load generation on its own thread, so it does not share the API's event loop.
    workers: 1,
  });
  const figures = {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  log(`${name} (${clients} connections): ${JSON.stringify(figures)}`);
  if (!figures.requests) throw new Error(`${name}: no request completed`);
  if (figures.non2xx || figures.errors)
    throw new Error(`${name}: ${figures.non2xx} non-2xx answers, ${figures.errors} errors`);
  return figures;
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const reuse = process.env.BENCH_DATABASE_URL;
  const database = reuse ? { url: reuse, drop: () => Promise.resolve() } : await freshDatabase(adminUrl);
  log(reuse ? `reusing ${reuse}` : `fresh database ${database.url}`);
  const { store, db } = await openEventStore({ databaseUrl: database.url, codec: domainEventCodec });
  if (!(store instanceof SqlEventStore)) throw new Error('the benchmark needs the Postgres event store');
  const projector = new Projector({ store, db, projections: allProjections });
  const server = await startDevServer({ fast: true, logLevel: 'error' });
  let closeApp: (() => Promise<void>) | undefined;
  let connection: Connection | undefined;
  try {
    // 1. The log: one stream per application, `perTransaction` streams per transaction, a few writers.
    const fillStarted = performance.now();
    let ids: string[] = Array.from({ length: applications }, () => randomUUID());
    let events = 0;
    let next = reuse ? applications : 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (;;) {
          const from = next;
          if (from >= applications) return;
          next += perTransaction;
          const to = Math.min(from + perTransaction, applications);
          await db.transaction(async (tx) => {
            for (let i = from; i < to; i++) {
              const batch = eventsOf(i, ids[i]!);
              await store.appendIn(tx, `application-${ids[i]}`, batch, { expected: 'no_stream' });
              events += batch.length;
            }
          });
          if ((to / perTransaction) % 20 === 0) log(`appended ${to} applications`);
        }
      }),
    );
    const fillSeconds = reuse ? null : elapsed(fillStarted);
    if (reuse) {
      ids = (
        await db.query<{ id: string }>(`SELECT application_id AS id FROM applications ORDER BY registered_at`)
      ).rows.map((r) => r.id);
      events = (await store.countEvents?.({})) ?? 0;
    }
    log(`${applications} applications, ${events} events appended in ${fillSeconds ?? '(reused)'} s`);

    // 2. The read models, by the projector as in production.
    const projectStarted = performance.now();
    await projector.start();
    await projector.waitFor(await store.headPosition(), 60 * 60_000);
    const projectSeconds = elapsed(projectStarted);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM applications`);
    if (Number(rows[0]?.n) !== applications)
      throw new Error(`applications read model has ${rows[0]?.n} rows, expected ${applications}`);
    await db.query('VACUUM ANALYZE applications');
    log(`projected ${events} events into ${allProjections.length} read models in ${projectSeconds} s`);

    // 3. The API on a port; Temporal only answers /health here.
    connection = await Connection.connect({ address: server.address });
    const temporal = new TemporalClient({ connection, namespace: 'default' });
    const config = loadConfig({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: server.address,
      LOG_LEVEL: 'silent',
      PORT: '0',
    });
    const key = await generateSigningKey('bench-key');
    const settings = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE };
    const tokenVerifier = new TokenVerifier({ keys: [key.publicJwk] }, settings);
    const app = await createApiApp(
      { config, store, db, temporal, projector, tokenVerifier },
      { logs: false },
    );
    await app.listen(0, '127.0.0.1');
    closeApp = () => app.close();
    const url = await app.getUrl();
    const officer = await issueToken(key, { sub: 'bench-officer', role: 'officer' }, settings);
    log(`API on ${url}`);

    const sample = (n: number) =>
      Array.from({ length: n }, (_, k) => ids[Math.floor(((k + 0.5) * applications) / n)]!);
    // Warm-up: connections, plans, JIT.
    await autocannon({
      url,
      connections,
      duration: 2,
      headers: { authorization: `Bearer ${officer}` },
      requests: [
        { method: 'GET', path: '/applications?limit=50' },
        { method: 'GET', path: `/applications/${ids[0]}` },
      ],
    });

    const endpoints: Record<string, string[]> = {
      'GET /applications?limit=50': ['/applications?limit=50'],
      'GET /applications?limit=50&status=…': [
        '/applications?limit=50&status=eligible',
        '/applications?limit=50&status=rejected',
      ],
      'GET /applications/:id': sample(1000).map((id) => `/applications/${id}`),
    };
    const measured: Record<string, Record<string, Figures>> = {};
    for (const [name, paths] of Object.entries(endpoints)) {
      const byClients: Record<string, Figures> = {};
      for (const clients of [1, connections])
        byClients[`connections${clients}`] = await load(name, url, paths, officer, clients);
      measured[name] = byClients;
    }
    const p99At = (name: string): number =>
      measured[name]?.[`connections${connections}`]?.p99Ms ?? Number.POSITIVE_INFINITY;
    const worklistP99 = Math.max(
      p99At('GET /applications?limit=50'),
      p99At('GET /applications?limit=50&status=…'),
    );

    const line = {
      bench: 'api',
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      applications,
      events,
      fillSeconds,
      projectSeconds,
      secondsPerRun: seconds,
      endpoints: measured,
      target: {
        worklistP99Ms: worklistP99TargetMs,
        connections,
        measuredP99Ms: worklistP99,
        met: worklistP99 < worklistP99TargetMs,
      },
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await closeApp?.();
    await projector.stop();
    await connection?.close();
    await store.close();
    await server.stop();
    if (process.env.BENCH_KEEP_DB === '1') log(`kept ${database.url}`);
    else await database.drop();
  }
}

// Exit explicitly: the Temporal client's native runtime and autocannon's workers keep handles open.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
