import { z } from 'zod';
import { Role, type Actor } from '@corridor/domain';

/** The authenticated caller, from a verified bearer token. */
export const Principal = z.object({
  sub: z.string().min(1),
  role: Role,
  stationId: z.string().min(1).optional(),
  name: z.string().optional(),
});
export type Principal = z.infer<typeof Principal>;

/** The domain actor a principal acts as: commands record who did what, never from the request body. */
export const actorOf = (p: Principal): Actor => ({ id: p.sub, role: p.role, stationId: p.stationId });
