import { z } from 'zod';
import type { CertificationScheme } from './certification-scheme';

export const DurationKey = z.enum([
  'reviewSla',
  'informationRequest',
  'bookingWindow',
  'assessmentCooldown',
  'renewalReminderLead',
  'renewalWindow',
  'renewalGrace',
]);
export type DurationKey = z.infer<typeof DurationKey>;

/**
 * Deployment configuration for the scheme's durations. Tests and demos cannot skip time on the
 * Temporal server we run, so they shrink days to seconds with `scale` or pin a key with `overrides`.
 */
export const DurationConfig = z.object({
  /** Multiplies every scheme duration, e.g. 1/86400 turns a day into a second. */
  scale: z.number().positive().default(1),
  /** Seconds that replace a scheme duration outright (not scaled). */
  overrides: z
    .partialRecord(z.union([DurationKey, z.literal('certificateValidity')]), z.number().nonnegative())
    .default({}),
});
export type DurationConfig = z.input<typeof DurationConfig>;

export type EffectiveDurations = Record<DurationKey, number>;

/** The durations in seconds that apply to an application under `scheme` with this configuration. */
export function effectiveDurations(
  scheme: CertificationScheme,
  config: DurationConfig = {},
): EffectiveDurations {
  const { scale, overrides } = DurationConfig.parse(config);
  const fromScheme: EffectiveDurations = {
    reviewSla: scheme.deadlines.reviewSla,
    informationRequest: scheme.deadlines.informationRequest,
    bookingWindow: scheme.deadlines.bookingWindow,
    assessmentCooldown: scheme.assessment.cooldown,
    renewalReminderLead: scheme.certificate.renewal.reminderLead,
    renewalWindow: scheme.certificate.renewal.window,
    renewalGrace: scheme.certificate.renewal.grace,
  };
  const result = {} as EffectiveDurations;
  for (const key of DurationKey.options) result[key] = overrides[key] ?? fromScheme[key] * scale;
  return result;
}

/**
 * Certificate validity is counted in calendar years, not seconds, so it is not one of the scaled
 * durations. Demos and tests that must watch a certificate expire pin it in seconds here
 * (`overrides.certificateValidity`); production leaves it unset.
 */
export function certificateValiditySeconds(config: DurationConfig | undefined): number | undefined {
  const raw = (config?.overrides as Record<string, unknown> | undefined)?.certificateValidity;
  return typeof raw === 'number' && raw > 0 ? raw : undefined;
}
