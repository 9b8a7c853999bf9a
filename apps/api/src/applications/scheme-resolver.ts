import { Injectable } from '@nestjs/common';
import { findScheme, type CertificationScheme, type LevelCode } from '@corridor/domain';

/** Finds the current scheme for a standard and level; the application pins what it returns. */
@Injectable()
export class SchemeResolver {
  resolve(standardCode: string, level: LevelCode): CertificationScheme | undefined {
    return findScheme(standardCode, level);
  }
}
