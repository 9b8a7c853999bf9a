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
import { toHttpError } from '../common/temporal-errors';
import { idempotentUpdateId } from '../idempotency/idempotency.context';
import { viewAfter, type ViewPending } from '../common/view-pending';
import { certificatesProjection } from '@corridor/projections';

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

  async command(number: string, command: CertificateCommandInput): Promise<CertificateLifecycleView | ViewPending> {
    let result;
    try {
      // Idempotency-Key → update id: a retry gets the original outcome (see idempotency.context.ts).
      result = await this.handle(number).executeUpdate(certificateCommandUpdate, { args: [command], updateId: idempotentUpdateId() });
    } catch (error) {
      throw await this.translate(error, number);
    }
    // Recorded: from here on nothing is an error. The wait is for what verification and the status
    // lists read; a late or failing projection gives 202 with the command's result.
    const answer = view(number, result.state, result.version);
    return viewAfter(this.runtime.projector, {
      position: result.position,
      projections: [certificatesProjection.name],
      location: `/certificates/${encodeURIComponent(number)}/lifecycle`,
      result: { ...answer, events: result.events, position: result.position },
      read: () => Promise.resolve(answer),
    });
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
