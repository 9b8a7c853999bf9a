import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../../support/corridor-harness';
import { auth, Lifecycle } from '../../support/lifecycle';

export interface Attempt {
  path: string;
  status: number | 'network-error';
  title?: string;
}

/** A command answered 5xx (or not at all) whose retry was then refused: the first attempt had been recorded. */
export interface MisleadingAnswer {
  path: string;
  earlier: Attempt[];
  final: { status: number; body: unknown };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Lifecycle steps as a careful client sends them while the system is being hurt: every POST
 * carries an Idempotency-Key, and a 5xx, a dropped connection or "request in progress" is retried
 * with the same key and body until `deadlineMs`. Every answer is kept for the assertions.
 */
export class ResilientLifecycle extends Lifecycle {
  readonly attempts: Attempt[] = [];
  readonly misleading: MisleadingAnswer[] = [];
  private aborted = false;

  /** Stops every driver loop (after a failure, so shutdown does not wait on retries). */
  abort(): void {
    this.aborted = true;
  }

  constructor(
    private readonly harness: Harness,
    private readonly deadlineMs = 180_000,
  ) {
    super(harness);
  }

  override async post(path: string, token: string, body: unknown, expected = 200): Promise<request.Response> {
    const key = randomUUID();
    const deadline = Date.now() + this.deadlineMs;
    const failed: Attempt[] = [];
    for (;;) {
      if (this.aborted) throw new Error(`POST ${path} abandoned: the scenario is shutting down`);
      let res: request.Response | undefined;
      try {
        res = await request(this.harness.http)
          .post(path)
          .set(auth(token))
          .set('idempotency-key', key)
          .timeout({ response: 90_000 })
          .send(body as object);
      } catch {
        res = undefined;
      }
      const attempt: Attempt = res
        ? { path, status: res.status, title: (res.body as { title?: string })?.title }
        : { path, status: 'network-error' };
      this.attempts.push(attempt);
      // A recorded command whose read model is late is answered 202 with its result (view pending).
      if (res?.status === expected || (res?.status === 202 && (expected === 200 || expected === 201))) return res;
      const retry =
        !res || res.status >= 500 || (res.status === 409 && attempt.title === 'request in progress');
      if (!retry) {
        if (failed.length === 0)
          throw new Error(
            `POST ${path} → ${res!.status} (expected ${expected}): ${JSON.stringify(res!.body)}`,
          );
        // Refused after an unanswered attempt: that attempt did its work but its caller was told it failed.
        this.misleading.push({ path, earlier: failed, final: { status: res!.status, body: res!.body } });
        return res!;
      }
      failed.push(attempt);
      if (Date.now() > deadline)
        throw new Error(
          `POST ${path} still failing after ${this.deadlineMs} ms: ${JSON.stringify(failed.slice(-3))}`,
        );
      await sleep(300);
    }
  }

  /** Answers counted by status (network errors under their own name). */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.attempts) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }
}

/** Registration to certificate through the API (review, full exemption, assessment, grant). */
export async function certify(life: Lifecycle, candidateId: string, bookingLeadSeconds = 2): Promise<string> {
  const { applicationId: id } = await life.register(candidateId);
  await life.approve(id);
  await life.exemptFully(id);
  // Under a fault, far enough ahead that a booking the outage delays still reaches the workflow
  // before the session (the workflow refuses a session in the past when it processes the booking);
  // the result may only be recorded once the session has been held.
  const heldAt = Date.now() + bookingLeadSeconds * 1000;
  const sessionId = await life.book(id, bookingLeadSeconds);
  await sleep(Math.max(0, heldAt - Date.now()));
  await life.result(id, sessionId, 82, 88);
  await life.grant(id);
  return id;
}
