import { z } from 'zod';
import { CertificationScheme, ProviderKind } from '../scheme/certification-scheme';
import { RecognitionAgreement } from '../recognition/recognition-agreement';
import { CountryCode, StandardCode } from '../shared/ids';

export const Region = z.enum([
  'east-asia',
  'south-east-asia',
  'south-asia',
  'central-asia',
  'west-asia',
  'europe',
  'africa',
  'latin-america',
]);

export const Country = z.object({
  code: CountryCode,
  nameEn: z.string().min(1),
  nameZh: z.string().min(1),
  region: Region,
});
export type Country = z.infer<typeof Country>;

/** The centre's priority fields (press texts) plus the other trades its standards cover. */
export const StandardField = z.enum([
  'automotive',
  'artificial-intelligence',
  'advanced-manufacturing',
  'green-low-carbon',
  'ict',
  'construction',
  'logistics-trade',
  'services',
]);
export type StandardField = z.infer<typeof StandardField>;

export const SkillStandard = z.object({
  code: StandardCode,
  field: StandardField,
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  iscoCode: z.string().regex(/^\d{4}$/, 'an ISCO-08 unit group code of 4 digits'),
  publishedOn: z.iso.date(),
});
export type SkillStandard = z.infer<typeof SkillStandard>;

const StationKind = ProviderKind.exclude(['training-base']);

/** An overseas service station or master workshop: registers candidates, trains, hosts assessments. */
export const Station = z
  .object({
    id: z.string().regex(/^(ST|MW)-[A-Z]{2}-[A-Z0-9]{2,6}$/, 'an id such as "ST-KZ-ALA" or "MW-TH-AYT"'),
    kind: StationKind,
    name: z.string().min(1),
    hostInstitution: z.string().min(1),
    countryCode: CountryCode,
    city: z.string().min(1),
    /** Standards the station is accredited to train and assess. */
    standards: z.array(StandardCode).min(1, 'a station is accredited for at least one standard'),
  })
  .superRefine((s, ctx) => {
    const expected = s.kind === 'service-station' ? 'ST-' : 'MW-';
    if (!s.id.startsWith(expected))
      ctx.addIssue({ code: 'custom', path: ['id'], message: `a ${s.kind} id starts with "${expected}"` });
    if (s.id.slice(3, 5) !== s.countryCode)
      ctx.addIssue({
        code: 'custom',
        path: ['countryCode'],
        message: `${s.countryCode} does not match the id ${s.id}`,
      });
  });
export type Station = z.infer<typeof Station>;

/** A skill training base of the centre (in Chongqing). */
export const TrainingBase = z.object({
  id: z.string().regex(/^TB-[A-Z]{2}-[A-Z0-9]{2,8}$/, 'an id such as "TB-CQ-AUTO"'),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  countryCode: CountryCode,
  city: z.string().min(1),
  standards: z.array(StandardCode).min(1),
});
export type TrainingBase = z.infer<typeof TrainingBase>;

/** A member of the expert database who may be assigned to assess. */
export const Assessor = z.object({
  id: z.string().regex(/^EX-\d{4}$/, 'an id such as "EX-0001"'),
  name: z.string().min(1),
  employer: z.string().min(1),
  /** Where the assessor also teaches, if anywhere: candidates trained there are off limits. */
  trainingProviderId: z.string().min(1).optional(),
  standards: z.array(StandardCode).min(1),
  stationId: z.string().min(1),
});
export type Assessor = z.infer<typeof Assessor>;

export const ReferenceDataShape = z.object({
  countries: z.array(Country),
  stations: z.array(Station),
  trainingBases: z.array(TrainingBase),
  standards: z.array(SkillStandard),
  schemes: z.array(CertificationScheme),
  agreements: z.array(RecognitionAgreement),
  assessors: z.array(Assessor),
});
export type ReferenceData = z.output<typeof ReferenceDataShape>;
export type ReferenceDataInput = z.input<typeof ReferenceDataShape>;
export type StationInput = z.input<typeof Station>;
export type CountryInput = z.input<typeof Country>;
export type SkillStandardInput = z.input<typeof SkillStandard>;
export type TrainingBaseInput = z.input<typeof TrainingBase>;
export type AssessorInput = z.input<typeof Assessor>;
