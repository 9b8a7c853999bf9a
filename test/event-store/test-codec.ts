import { z } from 'zod';
import { EventValidationError, type EventCodec } from '@corridor/event-store';

interface Definition {
  version: number;
  schema: z.ZodType;
  upcasters?: Record<number, (data: unknown) => unknown>;
}

/** A small zod codec, shaped like the domain's, for testing validation and upcasting in the store. */
export function zodCodec(definitions: Record<string, Definition>): EventCodec {
  const parse = (type: string, schema: z.ZodType, data: unknown): unknown => {
    const result = schema.safeParse(data);
    if (!result.success)
      throw new EventValidationError(
        type,
        result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    return result.data;
  };
  const definition = (type: string): Definition => {
    const def = definitions[type];
    if (!def) throw new Error(`unknown event type ${type}`);
    return def;
  };
  return {
    encode(type, data) {
      const def = definition(type);
      return { data: parse(type, def.schema, data), schemaVersion: def.version };
    },
    decode(type, schemaVersion, data) {
      const def = definition(type);
      let current = data;
      for (let v = schemaVersion; v < def.version; v++) {
        const up = def.upcasters?.[v];
        if (!up) throw new Error(`no upcaster for ${type} from version ${v}`);
        current = up(current);
      }
      return { type, data: parse(type, def.schema, current) };
    },
  };
}

const registered = z.object({ name: z.string().min(1) });

/** Renamed at schema version 1: { name }. */
export const codecV1 = zodCodec({
  Registered: { version: 1, schema: registered },
  Renamed: { version: 1, schema: z.object({ name: z.string() }) },
});

/** Renamed at schema version 2: { fullName }, with the upcaster from version 1. */
export const codecV2 = zodCodec({
  Registered: { version: 1, schema: registered },
  Renamed: {
    version: 2,
    schema: z.object({ fullName: z.string() }),
    upcasters: { 1: (data) => ({ fullName: (data as { name: string }).name }) },
  },
});
