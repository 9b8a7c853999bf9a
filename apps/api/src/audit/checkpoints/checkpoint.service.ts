import { ConflictException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CheckpointInconsistentError, CheckpointLedger, type ConsistencyReport, type StoredCheckpoint } from '@corridor/event-store';
import { CredentialService } from '../../certificates/credential.service';
import { API_RUNTIME, type ApiRuntime } from '../../runtime';
import { checkpointFile, type CheckpointFile } from './checkpoint-file';
import { CheckpointRefusedError, signCheckpoint } from './checkpoint-jws';
import { checkLatestCheckpoint, parseCheckpointFile, verifySince, type LatestCheckpointCheck } from './verify-since';

/**
 * Signed checkpoints of the event log: taken every AUDIT_CHECKPOINT_INTERVAL seconds and on demand,
 * signed with the issuer's active credential key, and checked against the log on request.
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  readonly ledger: CheckpointLedger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    private readonly credentials: CredentialService,
  ) {
    this.ledger = new CheckpointLedger(runtime.db, runtime.store);
  }

  async onModuleInit(): Promise<void> {
    await this.ledger.init();
    const seconds = this.runtime.config.AUDIT_CHECKPOINT_INTERVAL;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.tick(), seconds * 1000);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Takes a checkpoint unless the log has not grown; 409 when the log no longer extends the last one. */
  async take(): Promise<{ file: CheckpointFile; created: boolean }> {
    try {
      const { checkpoint, created } = await this.ledger.take(async (statement) => signCheckpoint(statement, await this.credentials.keyRing()));
      return { file: await this.withHeads(checkpoint), created };
    } catch (error) {
      if (error instanceof CheckpointInconsistentError)
        throw new ConflictException({ type: 'problem', title: 'log does not extend the last checkpoint', code: 'log-does-not-extend-checkpoint', detail: error.message, checkpoint: error.checkpoint.seq });
      throw error;
    }
  }

  async latest(): Promise<CheckpointFile> {
    const checkpoint = await this.ledger.latest();
    if (!checkpoint) throw new NotFoundException('no checkpoint has been taken yet');
    return checkpointFile(checkpoint);
  }

  async get(seq: number): Promise<CheckpointFile> {
    const checkpoint = await this.ledger.get(seq);
    if (!checkpoint) throw new NotFoundException(`no checkpoint #${seq}`);
    return this.withHeads(checkpoint);
  }

  /** Checks the signature against the issuer's keys, then whether the log extends the checkpoint. */
  async verify(body: unknown): Promise<ConsistencyReport> {
    try {
      const file = parseCheckpointFile(body);
      return await verifySince(this.runtime.store, this.ledger, file, await this.credentials.keyRing());
    } catch (error) {
      if (error instanceof CheckpointRefusedError)
        throw new UnprocessableEntityException({ type: 'problem', title: 'checkpoint refused', code: 'checkpoint-refused', detail: error.message });
      throw error;
    }
  }

  checkLatest(): Promise<LatestCheckpointCheck | undefined> {
    return this.credentials.keyRing().then((keys) => checkLatestCheckpoint(this.runtime.store, this.ledger, keys));
  }

  private async withHeads(checkpoint: StoredCheckpoint): Promise<CheckpointFile> {
    return checkpointFile(checkpoint, await this.ledger.heads(checkpoint.size));
  }

  /** The timer's turn: one at a time; a log that no longer extends the last checkpoint is an alarm. */
  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      const run = this.take();
      this.running = run;
      const { file, created } = await run;
      if (created) this.logger.log(`checkpoint #${file.statement.seq}: ${file.statement.size} events, root ${file.statement.root}`);
    } catch (error) {
      this.logger.error(error instanceof ConflictException ? `TAMPER ALARM: ${String((error.getResponse() as { detail?: string }).detail)}` : `checkpoint failed: ${String(error)}`);
    } finally {
      this.running = undefined;
    }
  }
}
