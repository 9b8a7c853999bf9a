import request from 'supertest';
import { auditCommand } from '../../apps/cli/src/commands/audit.command';
import { API_RUNTIME, type ApiRuntime } from '../../apps/api/src/runtime';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { getText, parseCsv } from './http-text';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('audit');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const get = (path: string, token = h.tokens.auditor) => request(h.http).get(path).set(auth(token));

interface ViewLike {
  applicationId: string;
  candidateId: string;
  standardCode: string;
  level: string;
  stationId: string | null;
  schemeVersion: number;
  status: string;
  reviewDueBy: string | null;
  certificateNumber: string | null;
  validUntil: string | null;
  registeredAt: string;
  version: number;
}
interface Page {
  events: { version: number; type: string; hash: string; prevHash: string | null }[];
  nextFrom: number | null;
}
interface Replayed {
  applicationId: string;
  stream: string;
  version: number;
  streamVersion: number;
  state: Record<string, unknown> & { status: string };
}

const iso = (t: string | null | undefined) => (t ? new Date(t).toISOString() : null);
/** What the application detail shows, in a form the replayed state can be compared with. */
const fromView = (v: ViewLike) => ({
  applicationId: v.applicationId,
  candidateId: v.candidateId,
  standardCode: v.standardCode,
  level: v.level,
  stationId: v.stationId,
  schemeVersion: v.schemeVersion,
  status: v.status,
  reviewDueBy: iso(v.reviewDueBy),
  certificateNumber: v.certificateNumber,
  validUntil: iso(v.validUntil),
  registeredAt: iso(v.registeredAt),
  version: v.version,
});
const fromReplay = (r: Replayed) => ({
  applicationId: r.state.applicationId,
  candidateId: r.state.candidateId,
  standardCode: r.state.standardCode,
  level: r.state.level,
  stationId: r.state.stationId ?? null,
  schemeVersion: r.state.schemeVersion,
  status: r.state.status,
  reviewDueBy: iso(r.state.reviewDueBy as string | undefined),
  certificateNumber: r.state.certificateNumber ?? null,
  validUntil: iso(r.state.validUntil as string | undefined),
  registeredAt: iso(r.state.registeredAt as string | undefined),
  version: r.version,
});

function captured() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env: { DATABASE_URL: h.app.get<ApiRuntime>(API_RUNTIME).config.DATABASE_URL, DATA_DIR: '.data/test-audit-cli', LOG_LEVEL: 'silent' as const },
      stdout: (t: string) => void (out.stdout += t),
      stderr: (t: string) => void (out.stderr += t),
      interactive: false,
    },
  };
}

describe('audit: replay, verification and export of an application stream', () => {
  let id: string;
  let stream: string;
  let afterApproval: ViewLike;
  let betweenApprovalAndExemption: string;
  let final: ViewLike;

  beforeAll(async () => {
    id = (await life.register('KZ-300001')).applicationId;
    stream = `application-${id}`;
    expect((await life.approve(id)).body.status).toBe('eligible');
    afterApproval = (await get(`/applications/${id}`).expect(200)).body as ViewLike;
    // recorded_at has millisecond precision: leave clear air on both sides of the instant.
    await sleep(25);
    betweenApprovalAndExemption = new Date().toISOString();
    await sleep(25);
    await life.exemptFully(id);
    const sessionId = await life.book(id);
    await life.result(id, sessionId, 82, 88);
    expect((await life.grant(id)).body.status).toBe('certified');
    final = (await get(`/applications/${id}`).expect(200)).body as ViewLike;
  }, 60_000);

  it('replays the state as of version 2 to what the application showed right after approval', async () => {
    expect(afterApproval).toMatchObject({ status: 'eligible', version: 2 });
    const res = await get(`/audit/applications/${id}/state?asOfVersion=2`).expect(200);
    const replayed = res.body as Replayed;
    expect(replayed).toMatchObject({ applicationId: id, stream, version: 2, streamVersion: 7, asOfVersion: 2, asOf: null });
    expect(fromReplay(replayed)).toEqual(fromView(afterApproval));
    expect(replayed.state.reviewers).toEqual(['officer-li-wei']);
  });

  it('replays the latest version to the final state, the same state the read model folded', async () => {
    const replayed = (await get(`/audit/applications/${id}/state`).expect(200)).body as Replayed;
    expect(replayed.version).toBe(7);
    expect(replayed.state.status).toBe('certified');
    expect(fromReplay(replayed)).toEqual(fromView(final));
    const { rows } = await h.db.query<{ state: unknown }>('SELECT state FROM applications WHERE application_id = $1', [id]);
    expect(replayed.state).toEqual(rows[0]?.state);
    // Asking past the end reaches the end, and says so.
    const beyond = (await get(`/audit/applications/${id}/state?asOfVersion=99`).expect(200)).body as Replayed;
    expect(beyond).toMatchObject({ version: 7, asOfVersion: 99 });
    expect(beyond.state).toEqual(replayed.state);
  });

  it('replays as of an instant: between two steps, and before anything was recorded', async () => {
    const between = (await get(`/audit/applications/${id}/state?asOf=${encodeURIComponent(betweenApprovalAndExemption)}`).expect(200)).body as Replayed;
    expect(between).toMatchObject({ version: 2, asOf: betweenApprovalAndExemption, asOfVersion: null });
    expect(fromReplay(between)).toEqual(fromView(afterApproval));
    const before = (await get(`/audit/applications/${id}/state?asOf=2000-01-01T00:00:00%2B02:00`).expect(200)).body as Replayed;
    expect(before).toMatchObject({ version: 0, recordedAt: null, state: { status: 'new' } });
  });

  it('pages through the stream as stored, hash chain included', async () => {
    const first = (await get(`/audit/streams/${stream}/events?limit=3`).expect(200)).body as Page;
    expect(first).toMatchObject({ stream, version: 7, from: 1, limit: 3, nextFrom: 4 });
    expect(first.events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(first.events[0]).toMatchObject({ stream, type: 'ApplicationRegistered', prevHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first.events[1]?.prevHash).toBe(first.events[0]?.hash);
    const rest = (await get(`/audit/streams/${stream}/events?from=4&limit=10`).expect(200)).body as Page;
    expect(rest.events.map((e) => e.type)).toEqual(['AssessmentBooked', 'AssessmentResultRecorded', 'CertificationGranted', 'CertificateIssued']);
    expect(rest.nextFrom).toBeNull();
    const exact = (await get(`/audit/streams/${stream}/events?from=5&limit=3`).expect(200)).body;
    expect(exact.nextFrom).toBeNull();
    const past = (await get(`/audit/streams/${stream}/events?from=8`).expect(200)).body;
    expect(past).toMatchObject({ events: [], nextFrom: null });
  });

  it('verifies the stream and the whole store', async () => {
    expect((await get(`/audit/streams/${stream}/verify`).expect(200)).body).toEqual({ ok: true, streams: 1, events: 7 });
    const all = (await get('/audit/verify').expect(200)).body;
    expect(all).toMatchObject({ ok: true });
    expect(all.streams).toBeGreaterThanOrEqual(1);
    expect(all.events).toBeGreaterThanOrEqual(7);
    expect(all.firstBreak).toBeUndefined();
  });

  it('exports JSON lines, one per event', async () => {
    const res = await getText(h, `/audit/streams/${stream}/export?format=jsonl`, h.tokens.auditor);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${stream}.jsonl"`);
    const lines = res.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(7);
    const events = lines.map((l) => JSON.parse(l) as { version: number; stream: string; hash: string; prevHash: string | null; data: unknown });
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const stored = await h.streamEvents(stream);
    expect(events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
    expect(events[1]!.data).toEqual(stored[1]!.data);
    // JSON lines is the default format.
    expect((await getText(h, `/audit/streams/${stream}/export`, h.tokens.admin)).text).toBe(res.text);
  });

  it('exports CSV: a header and one row per event, data as JSON', async () => {
    const res = await getText(h, `/audit/streams/${stream}/export?format=csv`, h.tokens.auditor);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['position', 'stream', 'version', 'type', 'recorded_at', 'hash', 'prev_hash', 'data']);
    expect(rows).toHaveLength(8);
    const stored = await h.streamEvents(stream);
    rows.slice(1).forEach((row, i) => {
      const e = stored[i]!;
      expect(row).toEqual([String(e.position), stream, String(e.version), e.type, e.recordedAt.toISOString(), e.hash, e.prevHash ?? '', JSON.stringify(e.data)]);
      expect(JSON.parse(row[7]!)).toEqual(e.data);
    });
  });

  it('rejects bad input with 400 and unknown streams or applications with 404', async () => {
    const bad = [
      `/audit/streams/${encodeURIComponent('no spaces')}/events`,
      `/audit/streams/${stream}/events?limit=0`,
      `/audit/streams/${stream}/events?limit=5000`,
      `/audit/streams/${stream}/events?from=x`,
      `/audit/streams/${stream}/events?page=2`,
      `/audit/streams/${stream}/export?format=xml`,
      `/audit/applications/not-a-uuid/state`,
      `/audit/applications/${id}/state?asOfVersion=0`,
      `/audit/applications/${id}/state?asOfVersion=two`,
      `/audit/applications/${id}/state?asOf=yesterday`,
      `/audit/applications/${id}/state?asOfVersion=2&asOf=${encodeURIComponent(betweenApprovalAndExemption)}`,
    ];
    for (const path of bad) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(/application\/problem\+json/) });
    }
    const missing = 'application-00000000-0000-4000-8000-000000000000';
    for (const path of [`/audit/streams/${missing}/events`, `/audit/streams/${missing}/verify`, `/audit/streams/${missing}/export?format=csv`, `/audit/applications/00000000-0000-4000-8000-000000000000/state`]) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: expect.stringMatching(/application\/problem\+json/) });
    }
  });

  it('replays and verifies from the command line on the same storage', async () => {
    const replay = captured();
    expect(await auditCommand(['replay', id, '--as-of-version', '2'], replay.io)).toBe(0);
    const printed = JSON.parse(replay.out.stdout) as Replayed;
    expect(fromReplay(printed)).toEqual(fromView(afterApproval));
    const asOf = captured();
    expect(await auditCommand(['replay', id, '--as-of', betweenApprovalAndExemption], asOf.io)).toBe(0);
    expect(JSON.parse(asOf.out.stdout)).toMatchObject({ version: 2, state: { status: 'eligible' } });
    const verify = captured();
    expect(await auditCommand(['verify'], verify.io)).toBe(0);
    expect(JSON.parse(verify.out.stdout)).toMatchObject({ ok: true });
    expect(verify.out.stderr).toMatch(/verified \d+ streams, \d+ events: chain intact/);
    const usage = captured();
    expect(await auditCommand(['replay', 'nope'], usage.io)).toBe(2);
    expect(usage.out.stderr).toMatch(/must be a UUID/);
    const unknown = captured();
    expect(await auditCommand(['replay', '00000000-0000-4000-8000-000000000000'], unknown.io)).toBe(1);
  });

  it('names the first broken version after a stored event is altered, over HTTP and on the command line', async () => {
    const { rowCount } = await h.db.query(
      `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{note}', '"documents forged"')::json WHERE stream = $1 AND version = 2`,
      [stream],
    );
    expect(rowCount).toBe(1);
    const res = (await get(`/audit/streams/${stream}/verify`).expect(200)).body;
    expect(res).toMatchObject({ ok: false, firstBreak: { stream, version: 2 } });
    expect(res.firstBreak.reason).toEqual(expect.any(String));
    const all = (await get('/audit/verify').expect(200)).body;
    expect(all).toMatchObject({ ok: false, firstBreak: { stream, version: 2 } });
    const cli = captured();
    expect(await auditCommand(['verify'], cli.io)).toBe(1);
    expect(JSON.parse(cli.out.stdout)).toMatchObject({ ok: false, firstBreak: { stream, version: 2 } });
    expect(cli.out.stderr).toMatch(new RegExp(`first break: ${stream} at version 2`));
    // The export still shows what is stored, tampered data included, for the auditor to see.
    const jsonl = await getText(h, `/audit/streams/${stream}/export`, h.tokens.auditor);
    expect(JSON.parse(jsonl.text.split('\n')[1]!)).toMatchObject({ version: 2, data: { note: 'documents forged' } });
  });
});
