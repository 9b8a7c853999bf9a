import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** Creates a fresh database on the server of `adminUrl`; returns its URL and a drop function. */
export async function freshBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `corridor_bench_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `run` `times` times and returns the median of what it measured. */
export async function medianOf(times: number, run: (round: number) => Promise<number>): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < times; i++) results.push(await run(i));
  return median(results);
}

/** Operations per second of `count` operations done by `work`. */
export async function rate(count: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/** Milliseconds taken by `work`. */
export async function elapsedMs(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A payload shaped like a registration event (about 300 bytes of JSON). */
export function payload(i: number): Record<string, unknown> {
  return {
    applicationId: randomUUID(),
    candidate: { id: `cand-${i}`, fullName: `Candidate Number ${i}`, nationality: 'PH', language: 'en' },
    standardCode: 'WELD-3G',
    level: 'senior',
    stationId: 'ST-PH-MNL',
    schemeVersion: 3,
    score: i % 100,
    at: new Date(1_700_000_000_000 + i * 1000).toISOString(),
  };
}

/** Runs `writers` loops concurrently, each doing `perWriter` steps. */
export async function concurrently(
  writers: number,
  perWriter: number,
  step: (writer: number, i: number) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await step(w, i);
    }),
  );
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
