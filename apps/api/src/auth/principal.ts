import { z } from 'zod';
import { Role } from '@corridor/domain';

/** The authenticated caller, from a verified bearer token. */
export const Principal = z.object({
  sub: z.string().min(1),
  role: Role,
  stationId: z.string().min(1).optional(),
  name: z.string().optional(),
});
export type Principal = z.infer<typeof Principal>;
