import type { z } from 'zod';
import { applicationEventSchemas } from './application/application.events';
import { sessionEventSchemas } from './assessment-session/session.events';
import { certificateEventSchemas } from './certificate/certificate.events';
import { findBadText } from './shared/text';

/**
 * Every domain event type with its current schema version and the upcasters that lift older
 * versions to it. The event store validates with this on write and on read.
 */
export interface EventTypeDefinition {
  schema: z.ZodType;
  version: number;
  /** upcasters[n] lifts data written at schema version n to n + 1. */
  upcasters?: Record<number, (data: unknown) => unknown>;
}

// Fields added since the thin slice are optional, so events written then still validate at version 1
// and need no upcaster. A field that changes meaning gets a new version and an upcaster here.
export const eventDefinitions: Record<string, EventTypeDefinition> = Object.fromEntries(
  Object.entries({ ...applicationEventSchemas, ...sessionEventSchemas, ...certificateEventSchemas }).map(
    ([type, schema]) => [type, { schema, version: 1 }],
  ),
);

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`unknown event type ${eventType}`);
  }
}

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: string,
  ) {
    super(`invalid ${eventType} event: ${issues}`);
  }
}

function definition(type: string): EventTypeDefinition {
  const def = eventDefinitions[type];
  if (!def) throw new UnknownEventTypeError(type);
  return def;
}

function validate(type: string, schema: z.ZodType, data: unknown): unknown {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new InvalidEventError(
      type,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The domain's codec for the event store (structurally an EventCodec of @corridor/event-store). */
export const domainEventCodec = {
  encode(type: string, data: unknown): { data: unknown; schemaVersion: number } {
    const def = definition(type);
    // Checked on write only: text with controls or lone surrogates is never recorded, while events
    // stored before this check stay readable.
    const bad = findBadText(data);
    if (bad) throw new InvalidEventError(type, `${bad.path}: the text ${bad.problem}`);
    return { data: validate(type, def.schema, data), schemaVersion: def.version };
  },
  decode(type: string, schemaVersion: number, data: unknown): { type: string; data: unknown } {
    const def = definition(type);
    let current = data;
    for (let v = schemaVersion; v < def.version; v++) {
      const up = def.upcasters?.[v];
      if (!up) throw new InvalidEventError(type, `no upcaster from schema version ${v}`);
      current = up(current);
    }
    return { type, data: validate(type, def.schema, current) };
  },
};
