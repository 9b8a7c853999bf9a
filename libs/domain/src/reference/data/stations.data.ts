import type { StationInput } from '../reference-data.schema';

const AUTO = ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-AUTO-BODY', 'BR-AUTO-ELEC'];

/**
 * The 27 overseas service stations for skill certification and the 6 overseas master workshops
 * (press texts). Host institutions are described, not named: the texts do not say which they are.
 */
export const stationsData: StationInput[] = [
  // Service stations
  { id: 'ST-TH-BKK', kind: 'service-station', name: 'Bangkok Service Station', hostInstitution: 'partner vocational college', countryCode: 'TH', city: 'Bangkok', standards: [...AUTO, 'BR-AUTO-BATT', 'BR-AI-ROBOT', 'BR-SRV-CHEF', 'BR-SRV-TUINA'] },
  { id: 'ST-TH-RYG', kind: 'service-station', name: 'Rayong Service Station', hostInstitution: 'industrial-estate training centre', countryCode: 'TH', city: 'Rayong', standards: [...AUTO, 'BR-AUTO-CHG', 'BR-MFG-CNC', 'BR-MFG-WELD', 'BR-GREEN-PV'] },
  { id: 'ST-KZ-ALA', kind: 'service-station', name: 'Almaty Service Station', hostInstitution: 'polytechnic college', countryCode: 'KZ', city: 'Almaty', standards: [...AUTO, 'BR-AUTO-BATT', 'BR-MFG-WELD', 'BR-LOG-FWD'] },
  { id: 'ST-KZ-AST', kind: 'service-station', name: 'Astana Service Station', hostInstitution: 'higher technical college', countryCode: 'KZ', city: 'Astana', standards: ['BR-AI-TRAIN', 'BR-AI-APP', 'BR-ICT-NET', 'BR-GREEN-WIND', 'BR-GREEN-CARBON'] },
  { id: 'ST-RU-MOW', kind: 'service-station', name: 'Moscow Service Station', hostInstitution: 'radio engineering college', countryCode: 'RU', city: 'Moscow', standards: ['BR-AI-APP', 'BR-AI-TRAIN', 'BR-ICT-NET', 'BR-ICT-IOT', 'BR-AUTO-ICV'] },
  { id: 'ST-RU-KZN', kind: 'service-station', name: 'Kazan Service Station', hostInstitution: 'automotive industry college', countryCode: 'RU', city: 'Kazan', standards: [...AUTO, 'BR-AUTO-ICV', 'BR-MFG-CNC', 'BR-MFG-PLC'] },
  { id: 'ST-RS-BEG', kind: 'service-station', name: 'Belgrade Service Station', hostInstitution: 'technical secondary school', countryCode: 'RS', city: 'Belgrade', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-MFG-MECHA', 'BR-MFG-CNC', 'BR-CON-ELEC'] },
  { id: 'ST-EG-CAI', kind: 'service-station', name: 'Cairo Service Station', hostInstitution: 'applied technology school', countryCode: 'EG', city: 'Cairo', standards: [...AUTO, 'BR-GREEN-PV', 'BR-CON-ELEC', 'BR-GREEN-HVAC'] },
  { id: 'ST-ID-JKT', kind: 'service-station', name: 'Jakarta Service Station', hostInstitution: 'polytechnic', countryCode: 'ID', city: 'Jakarta', standards: [...AUTO, 'BR-AUTO-CHG', 'BR-LOG-ECOM', 'BR-ICT-NET'] },
  { id: 'ST-ID-SUB', kind: 'service-station', name: 'Surabaya Service Station', hostInstitution: 'shipbuilding and engineering polytechnic', countryCode: 'ID', city: 'Surabaya', standards: ['BR-MFG-WELD', 'BR-MFG-FITTER', 'BR-MFG-QC', 'BR-GREEN-PV'] },
  { id: 'ST-MY-KUL', kind: 'service-station', name: 'Kuala Lumpur Service Station', hostInstitution: 'skills development centre', countryCode: 'MY', city: 'Kuala Lumpur', standards: [...AUTO, 'BR-AI-APP', 'BR-LOG-ECOM', 'BR-CON-BIM'] },
  { id: 'ST-UZ-TAS', kind: 'service-station', name: 'Tashkent Service Station', hostInstitution: 'vocational school', countryCode: 'UZ', city: 'Tashkent', standards: [...AUTO, 'BR-MFG-WELD', 'BR-CON-ELEC', 'BR-GREEN-HVAC'] },
  { id: 'ST-PK-KHI', kind: 'service-station', name: 'Karachi Service Station', hostInstitution: 'technical training centre', countryCode: 'PK', city: 'Karachi', standards: ['BR-AUTO-MECH', 'BR-MFG-WELD', 'BR-CON-ELEC', 'BR-LOG-FWD'] },
  { id: 'ST-PK-LHE', kind: 'service-station', name: 'Lahore Service Station', hostInstitution: 'technical education institute', countryCode: 'PK', city: 'Lahore', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-GREEN-PV', 'BR-ICT-NET', 'BR-SRV-CHEF'] },
  { id: 'ST-VN-HAN', kind: 'service-station', name: 'Hanoi Service Station', hostInstitution: 'college of technology', countryCode: 'VN', city: 'Hanoi', standards: [...AUTO, 'BR-MFG-CNC', 'BR-ICT-IOT'] },
  { id: 'ST-VN-SGN', kind: 'service-station', name: 'Ho Chi Minh City Service Station', hostInstitution: 'high-tech vocational college', countryCode: 'VN', city: 'Ho Chi Minh City', standards: ['BR-AUTO-EV', 'BR-AI-ROBOT', 'BR-MFG-MECHA', 'BR-GREEN-ESS'] },
  { id: 'ST-LA-VTE', kind: 'service-station', name: 'Vientiane Service Station', hostInstitution: 'railway technical school', countryCode: 'LA', city: 'Vientiane', standards: ['BR-CON-RAIL', 'BR-CON-ELEC', 'BR-AUTO-MECH', 'BR-LOG-FWD'] },
  { id: 'ST-KH-PNH', kind: 'service-station', name: 'Phnom Penh Service Station', hostInstitution: 'institute of technology', countryCode: 'KH', city: 'Phnom Penh', standards: ['BR-AUTO-MECH', 'BR-CON-ELEC', 'BR-SRV-CHEF'] },
  { id: 'ST-MM-RGN', kind: 'service-station', name: 'Yangon Service Station', hostInstitution: 'government technical institute', countryCode: 'MM', city: 'Yangon', standards: ['BR-AUTO-MECH', 'BR-MFG-WELD', 'BR-CON-ELEC'] },
  { id: 'ST-SG-SIN', kind: 'service-station', name: 'Singapore Service Station', hostInstitution: 'continuing-education institute', countryCode: 'SG', city: 'Singapore', standards: ['BR-AI-TRAIN', 'BR-AI-APP', 'BR-AUTO-ICV', 'BR-GREEN-CARBON', 'BR-LOG-ECOM'] },
  { id: 'ST-KG-FRU', kind: 'service-station', name: 'Bishkek Service Station', hostInstitution: 'vocational lyceum', countryCode: 'KG', city: 'Bishkek', standards: ['BR-AUTO-MECH', 'BR-MFG-WELD', 'BR-CON-ELEC'] },
  { id: 'ST-BY-MSQ', kind: 'service-station', name: 'Minsk Service Station', hostInstitution: 'state technical college', countryCode: 'BY', city: 'Minsk', standards: ['BR-AUTO-EV', 'BR-MFG-CNC', 'BR-MFG-TOOL', 'BR-MFG-PLC'] },
  { id: 'ST-SA-RUH', kind: 'service-station', name: 'Riyadh Service Station', hostInstitution: 'technical and vocational training college', countryCode: 'SA', city: 'Riyadh', standards: ['BR-GREEN-PV', 'BR-GREEN-ESS', 'BR-GREEN-HVAC', 'BR-AUTO-EV'] },
  { id: 'ST-AE-DXB', kind: 'service-station', name: 'Dubai Service Station', hostInstitution: 'applied technology centre', countryCode: 'AE', city: 'Dubai', standards: ['BR-AI-DRONE', 'BR-LOG-FWD', 'BR-LOG-ECOM', 'BR-AUTO-EV'] },
  { id: 'ST-HU-BUD', kind: 'service-station', name: 'Budapest Service Station', hostInstitution: 'vocational training centre', countryCode: 'HU', city: 'Budapest', standards: ['BR-AUTO-BATT', 'BR-AUTO-EV', 'BR-MFG-ADDITIVE', 'BR-MFG-QC'] },
  { id: 'ST-ET-ADD', kind: 'service-station', name: 'Addis Ababa Service Station', hostInstitution: 'polytechnic college', countryCode: 'ET', city: 'Addis Ababa', standards: ['BR-CON-RAIL', 'BR-CON-ELEC', 'BR-MFG-WELD', 'BR-GREEN-PV'] },
  { id: 'ST-MN-ULN', kind: 'service-station', name: 'Ulaanbaatar Service Station', hostInstitution: 'polytechnic college', countryCode: 'MN', city: 'Ulaanbaatar', standards: ['BR-AUTO-MECH', 'BR-GREEN-WIND', 'BR-MFG-WELD'] },
  // Master workshops ("Chinese + Automotive")
  { id: 'MW-TH-AYT', kind: 'master-workshop', name: 'Ayutthaya Master Workshop', hostInstitution: 'technical college', countryCode: 'TH', city: 'Ayutthaya', standards: [...AUTO, 'BR-AUTO-BATT', 'BR-AUTO-CHG'] },
  { id: 'MW-KZ-SHY', kind: 'master-workshop', name: 'Shymkent Master Workshop', hostInstitution: 'higher college', countryCode: 'KZ', city: 'Shymkent', standards: [...AUTO, 'BR-AUTO-PAINT'] },
  { id: 'MW-EG-ALY', kind: 'master-workshop', name: 'Alexandria Master Workshop', hostInstitution: 'technical school', countryCode: 'EG', city: 'Alexandria', standards: [...AUTO, 'BR-AUTO-PAINT'] },
  { id: 'MW-ID-BDO', kind: 'master-workshop', name: 'Bandung Master Workshop', hostInstitution: 'polytechnic', countryCode: 'ID', city: 'Bandung', standards: [...AUTO, 'BR-AUTO-BATT', 'BR-AUTO-ICV'] },
  { id: 'MW-UZ-SKD', kind: 'master-workshop', name: 'Samarkand Master Workshop', hostInstitution: 'vocational college', countryCode: 'UZ', city: 'Samarkand', standards: [...AUTO, 'BR-AUTO-PAINT'] },
  { id: 'MW-RS-KGV', kind: 'master-workshop', name: 'Kragujevac Master Workshop', hostInstitution: 'technical school', countryCode: 'RS', city: 'Kragujevac', standards: [...AUTO, 'BR-AUTO-BATT'] },
];
