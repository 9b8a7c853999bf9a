import { Injectable } from '@nestjs/common';
import type { LevelCode } from '@corridor/domain';

export interface PinnedScheme {
  version: number;
  validityYears: number;
}

/** Finds the current scheme for a standard and level; the application pins what it returns. */
@Injectable()
export class SchemeResolver {
  resolve(standardCode: string, level: LevelCode): PinnedScheme | undefined {
    // TEMPORARY until libs/domain reference data lands.
    return standardCode && level ? { version: 1, validityYears: 3 } : undefined;
  }
}
