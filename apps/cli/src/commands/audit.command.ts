import type { VerifyProgress } from '@corridor/event-store';
import { z } from 'zod';
import { replayApplicationState } from '../../../api/src/audit/application-replay';
import { loadConfig } from '../../../api/src/config/corridor-config';
import type { openStorage } from '../../../api/src/open-runtime';
import { openCliStorage } from '../cli-storage';
import { auditCheckpointCommand, checkpointUsage, latestCheckpointOnStore } from './audit-checkpoint.command';

export const auditUsage = `corridor audit <subcommand>

  replay <applicationId> [--as-of <ISO time>] [--as-of-version <n>]
                        replay the application's events through the domain's evolve; prints the state as JSON
  verify                check the hash chain of every stream, and the log against the latest recorded
                        signed checkpoint; progress on stderr, the result as JSON on stdout, exit code 1
                        when the chain is broken or the log no longer extends that checkpoint
${checkpointUsage}`;

export interface AuditIo {
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Whether stderr is a terminal (progress redrawn in place) or a log (one line now and then). */
  interactive?: boolean;
}

const ReplayArgs = z.object({
  applicationId: z.uuid({ message: 'the application id must be a UUID' }),
  asOf: z.iso
    .datetime({ offset: true, message: '--as-of must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })
    .optional(),
  asOfVersion: z.coerce
    .number()
    .int()
    .min(1, { message: '--as-of-version must be a whole number of at least 1' })
    .optional(),
});

class UsageError extends Error {}

function parseReplay(args: string[]): z.infer<typeof ReplayArgs> {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--(as-of|as-of-version)(?:=(.*))?$/.exec(arg);
    if (match) {
      const value = match[2] ?? args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options[match[1]!] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError('replay takes exactly one application id');
  const parsed = ReplayArgs.safeParse({
    applicationId: positional[0],
    asOf: options['as-of'],
    asOfVersion: options['as-of-version'],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  if (parsed.data.asOf !== undefined && parsed.data.asOfVersion !== undefined)
    throw new UsageError('give --as-of or --as-of-version, not both');
  return parsed.data;
}

/**
 * `corridor audit replay|verify`: opens the storage directly (no API, no Temporal), so an auditor can
 * check the record on a copy of the database. Returns the exit code.
 */
export async function auditCommand(args: string[], io: AuditIo = {}): Promise<number> {
  const out = io.stdout ?? ((text: string) => process.stdout.write(text));
  const err = io.stderr ?? ((text: string) => process.stderr.write(text));
  const [sub, ...rest] = args;
  // Signed checkpoints (a cut tail is detected): their own command file.
  if (sub === 'checkpoint' || (sub === 'verify' && rest.some((a) => a === '--since' || a.startsWith('--since='))))
    return auditCheckpointCommand(sub, rest, io);
  let run: (storage: Awaited<ReturnType<typeof openStorage>>) => Promise<number>;
  try {
    if (sub === 'replay') {
      const options = parseReplay(rest);
      run = async ({ store }) => {
        if (!(await store.streamInfo(`application-${options.applicationId}`))) {
          err(`application ${options.applicationId} does not exist\n`);
          return 1;
        }
        const replayed = await replayApplicationState(store, options.applicationId, {
          asOf: options.asOf === undefined ? undefined : new Date(options.asOf),
          asOfVersion: options.asOfVersion,
        });
        out(`${JSON.stringify(replayed, null, 2)}\n`);
        return 0;
      };
    } else if (sub === 'verify') {
      if (rest.length) throw new UsageError(`verify takes no arguments (got ${rest.join(' ')})`);
      run = async ({ store, db }) => {
        const interactive = io.interactive ?? (io.stderr === undefined && process.stderr.isTTY === true);
        let lastPrinted = 0;
        const progress = (p: VerifyProgress): void => {
          const now = Date.now();
          if (now - lastPrinted < (interactive ? 100 : 2000)) return;
          lastPrinted = now;
          err(
            interactive
              ? `\rverifying: ${p.streams} streams, ${p.events} events`
              : `verifying: ${p.streams} streams, ${p.events} events\n`,
          );
        };
        const result = await store.verifyAll(progress);
        err(
          `${interactive ? '\r' : ''}verified ${result.streams} streams, ${result.events} events: ${result.ok ? 'chain intact' : 'CHAIN BROKEN'}\n`,
        );
        if (result.firstBreak)
          err(
            `first break: ${result.firstBreak.stream} at version ${result.firstBreak.version} (${result.firstBreak.reason})\n`,
          );
        // The chain cannot see a cut tail; the latest signed checkpoint can.
        const checkpoint = await latestCheckpointOnStore(io.env ?? process.env, store, db, err);
        if (checkpoint) {
          out(`${JSON.stringify({ ...result, ok: result.ok && checkpoint.extends, checkpoint }, null, 2)}\n`);
          return result.ok && checkpoint.extends ? 0 : 1;
        }
        out(`${JSON.stringify(result, null, 2)}\n`);
        return result.ok ? 0 : 1;
      };
    } else {
      throw new UsageError(sub ? `unknown audit subcommand ${sub}` : 'an audit subcommand is required');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n\n${auditUsage}`);
    return 2;
  }

  const storage = await openCliStorage(loadConfig(io.env ?? process.env), err);
  try {
    return await run(storage);
  } finally {
    await storage.store.close();
    await storage.db.close();
  }
}
