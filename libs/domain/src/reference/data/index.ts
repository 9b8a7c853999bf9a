import { agreementsData } from './agreements.data';
import { assessorsData } from './assessors.data';
import { countriesData } from './countries.data';
import { schemesData } from './schemes.data';
import { standardsData } from './standards.data';
import { stationsData } from './stations.data';
import { trainingBasesData } from './training-bases.data';
import type { ReferenceDataInput } from '../reference-data.schema';

/** The reference data shipped with the domain, before validation (see loadReferenceData). */
export const rawReferenceData: ReferenceDataInput = {
  countries: countriesData,
  stations: stationsData,
  trainingBases: trainingBasesData,
  standards: standardsData,
  schemes: schemesData,
  agreements: agreementsData,
  assessors: assessorsData,
};
