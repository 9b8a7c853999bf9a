import { z } from 'zod';

/**
 * The body of a command that takes none: nothing, or an empty JSON object. Declared on such routes
 * so that a body with anything in it is refused (400) like an unknown field anywhere else, instead of
 * being ignored while the command runs.
 */
export const NoBody = z.strictObject({}).optional();
