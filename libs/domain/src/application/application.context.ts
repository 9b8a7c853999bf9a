import type { ReferenceData } from '../reference/reference-data.schema';
import { findSchemeIn } from '../reference/reference-lookup';
import { shippedReferenceData } from '../reference/shipped-reference-data';
import { schemeLabel, type CertificationScheme } from '../scheme/certification-scheme';
import { certificateValiditySeconds, effectiveDurations, type DurationConfig, type EffectiveDurations } from '../scheme/scheme-durations';
import { refuse } from '../shared/domain-error';
import type { LevelCode } from '../shared/levels';

/**
 * What the workflow may hand the decider besides command and state. Everything is optional: by default
 * the scheme pinned by the application is taken from the shipped reference data and durations are the
 * scheme's own. Workflows pass `durationConfig` from their configuration (tests shrink days to seconds).
 */
export interface ApplicationContextInput {
  scheme?: CertificationScheme;
  durationConfig?: DurationConfig;
  reference?: ReferenceData;
  /**
   * True when the command arrives from an assessment session's workflow (the only channel for
   * bookings and results since they must pass the session's checks). Then the command must carry
   * the session's assessors, and the application re-checks impartiality against its own record.
   * Histories recorded before that channel existed replay without it.
   */
  viaSession?: boolean;
}

export interface SchemePin {
  standardCode: string;
  level: LevelCode;
  version: number;
}

/** Resolves scheme, durations and reference data on first use, so commands that need none cost nothing. */
export class ApplicationContext {
  private resolvedReference?: ReferenceData;
  private resolvedScheme?: CertificationScheme;
  private resolvedDurations?: EffectiveDurations;

  constructor(
    private readonly input: ApplicationContextInput,
    private readonly pin: () => SchemePin,
  ) {}

  get reference(): ReferenceData {
    this.resolvedReference ??= this.input.reference ?? shippedReferenceData();
    return this.resolvedReference;
  }

  /** The scheme the application is pinned to; a supplied scheme must be that very one. */
  get scheme(): CertificationScheme {
    if (this.resolvedScheme) return this.resolvedScheme;
    const pin = this.pin();
    const wanted = schemeLabel(pin);
    const supplied = this.input.scheme;
    if (supplied) {
      if (schemeLabel(supplied) !== wanted)
        refuse('scheme-mismatch', `the application is pinned to ${wanted}, not ${schemeLabel(supplied)}`);
      this.resolvedScheme = supplied;
    } else {
      this.resolvedScheme =
        findSchemeIn(this.reference.schemes, pin.standardCode, pin.level, pin.version) ??
        refuse('unknown-scheme', `no certification scheme ${wanted}`);
    }
    return this.resolvedScheme;
  }

  get viaSession(): boolean {
    return this.input.viaSession === true;
  }

  /** Seconds of certificate validity when configuration pins it (demos, tests); else undefined = years. */
  get validityOverrideSeconds(): number | undefined {
    return certificateValiditySeconds(this.input.durationConfig);
  }

  get durations(): EffectiveDurations {
    this.resolvedDurations ??= effectiveDurations(this.scheme, this.input.durationConfig);
    return this.resolvedDurations;
  }
}
