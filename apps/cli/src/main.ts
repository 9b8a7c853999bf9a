#!/usr/bin/env node
import 'reflect-metadata';
import { startCommand } from './commands/start.command';
import { demoCommand } from './commands/demo.command';
import { auditCommand } from './commands/audit.command';
import { verifyCommand } from './commands/verify.command';
import { seedCommand } from './commands/seed.command';
import { rebuildCommand } from './commands/rebuild.command';

const usage = `corridor <command>

  start                 run the whole system on embedded defaults (or DATABASE_URL / TEMPORAL_ADDRESS)
  demo                  drive one sample candidate through the system at API_URL
  seed [--file <json>]  validate and store reference data (the shipped set by default)
  projections:rebuild [name]
                        rebuild read models from position 0 (with a progress bar)
  audit replay <id> [--as-of <time>]
                        replay an application's events through the domain (JSON)
  audit verify          check every stream's hash chain; exit code 1 when broken
  audit checkpoint [--api <url>]
                        print a signed checkpoint of the event log (keep it as cp.json)
  audit verify --since <cp.json> [--jwks <file>] [--api <url>]
                        prove the log extends a kept checkpoint, or say what changed; exit code 1 if not
  verify <credential.jwt> [--trust <file> | --jwks <file>] [--revocation-list <file>] [--suspension-list <file>] [--online]
                        verify a certificate's credential against trusted issuers' keys; exit code 1 when not valid
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return startCommand();
    case 'demo':
      return demoCommand(rest);
    case 'audit':
      process.exitCode = await auditCommand(rest);
      return;
    case 'seed':
      process.exitCode = await seedCommand(rest);
      return;
    case 'projections:rebuild':
      process.exitCode = await rebuildCommand(rest);
      return;
    case 'verify':
      process.exitCode = await verifyCommand(rest);
      return;
    default:
      console.error(usage);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
