import { z } from 'zod';

export const Role = z.enum(['officer', 'station', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who performed a command; taken from the authenticated principal, never from the request body. */
export const Actor = z.object({
  id: z.string().min(1).max(120),
  role: Role,
  stationId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof Actor>;
