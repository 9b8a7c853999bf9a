import { levelOf } from '@corridor/domain';
import type { CertificateFacts, IssuerConfig } from '@corridor/credentials';

export const TEST_ISSUER: IssuerConfig = {
  issuerId: 'https://certs.example.org/issuer',
  name: { en: 'Belt and Road International Skills Certification Center', zh: '一带一路国际技能认证中心' },
  url: 'https://certs.example.org',
  email: 'verify@certs.example.org',
  publicBaseUrl: 'https://certs.example.org',
  statusListBaseUrl: 'https://certs.example.org/status',
};

const senior = levelOf('senior');

export function sampleFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    certificateNumber: 'BRISC-2025-000123',
    candidate: { id: 'cand-kz-0042', fullName: 'Айгерим Қасымқызы Нұрланова', nationality: 'KZ', language: 'kk' },
    standard: {
      code: 'BR-AUTO-EV',
      titleZh: '新能源汽车维修',
      titleEn: 'New Energy Vehicle Maintenance',
      iscoCode: '7231',
      level: { code: senior.code, rank: senior.rank, zh: senior.zh, en: senior.en },
    },
    results: [
      { component: 'theory', score: 82.5, passMark: 60, weight: 0.3 },
      { component: 'practical', score: 91, passMark: 70, weight: 0.7 },
    ],
    recognitions: [
      { country: 'KZ', standardCode: 'KZ-PS-7231-EV', standardName: 'Electric vehicle technician', agreementVersion: '2024.2', status: 'recognised' },
      { country: 'RU', standardCode: 'RU-PS-31.007', standardName: 'Специалист по ремонту электромобилей', agreementVersion: '1.3', status: 'conditional', conditions: ['practical re-test'] },
      { country: 'UZ', standardCode: 'UZ-EV-3', standardName: 'EV mechanic', agreementVersion: '1.0', status: 'not-recognised' },
    ],
    validFrom: '2025-03-01T00:00:00Z',
    validUntil: '2028-02-29T23:59:59Z',
    issuedAt: '2025-02-20T09:30:00+08:00',
    ...overrides,
  };
}
