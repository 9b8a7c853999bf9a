import type { CertificateFacts } from '@corridor/credentials';
import { levelOf } from '@corridor/domain';
import type { CertificateRecord } from './certificates.read-model';

/** The read-model row in the shape the credentials library issues from. */
export function factsOf(record: CertificateRecord): CertificateFacts {
  const level = levelOf(record.level);
  return {
    certificateNumber: record.certificateNumber,
    candidate: record.candidate,
    standard: {
      code: record.standard.code,
      titleZh: record.standard.titleZh,
      titleEn: record.standard.titleEn,
      iscoCode: record.standard.iscoCode,
      level: { code: level.code, rank: level.rank, zh: level.zh, en: level.en },
    },
    results: record.results,
    recognitions: record.recognitions,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    issuedAt: record.issuedAt,
  };
}
