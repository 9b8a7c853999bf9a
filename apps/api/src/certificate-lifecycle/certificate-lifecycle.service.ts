import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CertificateState } from '@corridor/domain';
import {
  certificateCommandUpdate,
  certificateStateQuery,
  certificateWorkflowId,
  type CertificateCommandInput,
} from '../../../../workflows/src/public';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { readModelsCaughtUp } from '../common/read-your-writes';
import { toHttpError } from '../common/temporal-errors';

export interface CertificateLifecycleView {
  certificateNumber: string;
  status: CertificateState['status'];
  validFrom?: string;
  validUntil?: string;
  renewals: number;
  suspensionReason?: string;
  revocationReason?: string;
  version: number;
}

const view = (number: string, state: CertificateState, version: number): CertificateLifecycleView => ({
  certificateNumber: number,
  status: state.status,
  validFrom: state.validFrom,
  validUntil: state.validUntil,
  renewals: state.renewals,
  suspensionReason: state.suspensionReason,
  revocationReason: state.revocationReason,
  version,
});

/** Officers' actions on issued certificates, as updates to each certificate's own workflow. */
@Injectable()
export class CertificateLifecycleService {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  async command(number: string, command: CertificateCommandInput): Promise<CertificateLifecycleView> {
    let result;
    try {
      result = await this.handle(number).executeUpdate(certificateCommandUpdate, { args: [command] });
    } catch (error) {
      throw await this.translate(error, number);
    }
    // Recorded already: a lagging read model delays the answer at most, it never fails it.
    await readModelsCaughtUp(this.runtime.projector, result.position);
    return view(number, result.state, result.version);
  }

  /** The certificate's current state, answered by its workflow, or replayed from its stream once it has ended. */
  async state(number: string): Promise<CertificateLifecycleView> {
    try {
      const { state, version } = await this.handle(number).query(certificateStateQuery);
      return view(number, state, version);
    } catch (error) {
      throw await this.translate(error, number);
    }
  }

  private handle(number: string) {
    return this.runtime.temporal.workflow.getHandle(certificateWorkflowId(number));
  }

  private async translate(error: unknown, number: string): Promise<unknown> {
    if (error instanceof WorkflowNotFoundError) {
      const exists = await this.runtime.store.streamInfo(`certificate-${number}`);
      return exists
        ? new ConflictException(`certificate ${number} has ended (revoked or expired past renewal) and accepts no further commands`)
        : new NotFoundException(`certificate ${number} does not exist`);
    }
    return toHttpError(error, number);
  }
}
