import { z } from 'zod';

/** A stream name as the stores write them: `application-<uuid>`, `certificate-…`; no path tricks. */
export const StreamParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/, { message: 'a stream name is 1–200 letters, digits or . _ : @ - and starts with a letter or digit' });

export const ApplicationIdParam = z.uuid({ message: 'the application id must be a UUID' });

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, { message: `${what} must be a whole number` })
    .transform(Number)
    .pipe(z.number().int().min(1, { message: `${what} must be at least 1` }));

export const StreamEventsQuery = z
  .object({
    /** First version to return (inclusive). */
    from: positiveInt('from').default(1),
    limit: positiveInt('limit').pipe(z.number().max(1000, { message: 'limit must be at most 1000' })).default(100),
  })
  .strict();
export type StreamEventsQuery = z.infer<typeof StreamEventsQuery>;

export const ApplicationStateQuery = z
  .object({
    asOfVersion: positiveInt('asOfVersion').optional(),
    asOf: z.iso.datetime({ offset: true, message: 'asOf must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' }).optional(),
  })
  .strict()
  .refine((q) => q.asOfVersion === undefined || q.asOf === undefined, {
    message: 'give asOfVersion or asOf, not both',
    path: ['asOf'],
  });
export type ApplicationStateQuery = z.infer<typeof ApplicationStateQuery>;

export const ExportQuery = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') }).strict();
export type ExportQuery = z.infer<typeof ExportQuery>;

export const CertificateNumberParam = z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/, 'a certificate number looks like CN-2026-0123456789AB');
