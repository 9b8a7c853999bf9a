import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { Projector } from '@corridor/projections';

/**
 * A command was recorded but the read model it would be answered from is not there yet (a projection
 * is late or failing, or the read failed). The command succeeded, so this is never an error: the
 * answer is 202 Accepted with a `Location` to read the resource from later and a body carrying what
 * the command itself returned, marked `view: "pending"`.
 */
export class ViewPending {
  constructor(
    readonly location: string,
    readonly result: Record<string, unknown>,
    readonly reason: string,
  ) {}

  toBody(): Record<string, unknown> {
    return { ...this.result, view: 'pending', reason: this.reason };
  }
}

/** How long a recorded command waits for its read model before answering 202 (ms). */
export const viewWaitMs = 10_000;

const logger = new Logger('ViewPending');

/**
 * Read-your-writes after a recorded command: waits until the named projections have applied
 * `position`, then reads the view. Whatever goes wrong from here on (a late or failing projection,
 * the read model unreadable, the row not there) gives ViewPending, never an exception: the command's
 * events are already in the log.
 */
export async function viewAfter<T>(
  projector: Projector,
  options: {
    position: number;
    projections: readonly string[];
    location: string;
    /** What the command returned, sent back when the view is not ready. */
    result: Record<string, unknown>;
    read: () => Promise<T | undefined | null>;
  },
): Promise<T | ViewPending> {
  try {
    await projector.waitFor(options.position, viewWaitMs, options.projections);
    const view = await options.read();
    if (view) return view;
    return new ViewPending(options.location, options.result, `not in the read model after position ${options.position}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(`recorded command answered with view pending (${options.location}): ${reason}`);
    return new ViewPending(options.location, options.result, reason);
  }
}

/** Turns a ViewPending result into 202 Accepted with a Location header. */
@Injectable()
export class ViewPendingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof ViewPending)) return value;
        const res = context.switchToHttp().getResponse<Response>();
        res.status(202);
        res.setHeader('Location', value.location);
        return value.toBody();
      }),
    );
  }
}

/** OpenAPI for a command route that may answer ViewPending. */
export const ApiViewPending = (): MethodDecorator & ClassDecorator =>
  ApiAcceptedResponse({
    description:
      'Recorded, but the read model has not caught up yet: the command\'s own result with "view": "pending"; read the resource at Location later',
    headers: { Location: { description: 'where to read the resource', schema: { type: 'string' } } },
  });
