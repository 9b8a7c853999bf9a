import type { AssessorInput } from '../reference-data.schema';

/**
 * The expert database: assessors the centre may assign to sessions. Employer and teaching provider are
 * kept because a candidate sharing either with an assessor cannot be assessed by them.
 */
export const assessorsData: AssessorInput[] = [
  { id: 'EX-0001', name: 'Zhang Wei', employer: 'Chongqing Automotive Vocational Institute', trainingProviderId: 'TB-CQ-AUTO', standards: ['BR-AUTO-EV', 'BR-AUTO-BATT', 'BR-AUTO-MECH'], stationId: 'MW-TH-AYT' },
  { id: 'EX-0002', name: 'Li Na', employer: 'Chongqing Automotive Vocational Institute', trainingProviderId: 'TB-CQ-AUTO', standards: ['BR-AUTO-EV', 'BR-AUTO-ELEC', 'BR-AUTO-ICV'], stationId: 'ST-KZ-ALA' },
  { id: 'EX-0003', name: 'Chen Jie', employer: 'Southwest New-Energy Vehicle Service Group', standards: ['BR-AUTO-EV', 'BR-AUTO-BATT', 'BR-AUTO-CHG'], stationId: 'ST-ID-JKT' },
  { id: 'EX-0004', name: 'Wang Fang', employer: 'Chongqing Industrial Polytechnic', trainingProviderId: 'TB-CQ-MFG', standards: ['BR-MFG-CNC', 'BR-MFG-TOOL', 'BR-MFG-FITTER'], stationId: 'ST-TH-RYG' },
  { id: 'EX-0005', name: 'Liu Yang', employer: 'Chongqing Industrial Polytechnic', trainingProviderId: 'TB-CQ-MFG', standards: ['BR-MFG-WELD', 'BR-MFG-QC'], stationId: 'ST-PK-KHI' },
  { id: 'EX-0006', name: 'Zhao Min', employer: 'Western Digital Skills Academy', trainingProviderId: 'TB-CQ-DIGITAL', standards: ['BR-AI-TRAIN', 'BR-AI-APP', 'BR-ICT-NET'], stationId: 'ST-SG-SIN' },
  { id: 'EX-0007', name: 'Sun Hao', employer: 'Yangtze Green Energy Engineering Co.', trainingProviderId: 'TB-CQ-GREEN', standards: ['BR-GREEN-PV', 'BR-GREEN-ESS', 'BR-GREEN-WIND'], stationId: 'ST-SA-RUH' },
  { id: 'EX-0008', name: 'Zhou Lei', employer: 'Chongqing Rail Transit Maintenance Co.', standards: ['BR-CON-RAIL', 'BR-CON-ELEC'], stationId: 'ST-LA-VTE' },
  { id: 'EX-0009', name: 'Somchai Wongsakul', employer: 'Eastern Seaboard Auto Services', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-AUTO-BODY'], stationId: 'ST-TH-RYG' },
  { id: 'EX-0010', name: 'Nattaya Srisuk', employer: 'Bangkok Metropolitan Technical College', trainingProviderId: 'ST-TH-BKK', standards: ['BR-AUTO-ELEC', 'BR-AUTO-EV', 'BR-SRV-TUINA'], stationId: 'ST-TH-BKK' },
  { id: 'EX-0011', name: 'Aibek Nurlanov', employer: 'Steppe Motors Service LLP', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-AUTO-BATT'], stationId: 'ST-KZ-ALA' },
  { id: 'EX-0012', name: 'Dana Seitkali', employer: 'Almaty Polytechnic College', trainingProviderId: 'ST-KZ-ALA', standards: ['BR-AUTO-EV', 'BR-AUTO-BODY', 'BR-MFG-WELD'], stationId: 'ST-KZ-ALA' },
  { id: 'EX-0013', name: 'Yerlan Abenov', employer: 'Astana Energy Systems JSC', standards: ['BR-GREEN-WIND', 'BR-GREEN-CARBON'], stationId: 'ST-KZ-AST' },
  { id: 'EX-0014', name: 'Irina Volkova', employer: 'Moscow Radio Engineering College', trainingProviderId: 'ST-RU-MOW', standards: ['BR-AI-APP', 'BR-ICT-NET', 'BR-ICT-IOT'], stationId: 'ST-RU-MOW' },
  { id: 'EX-0015', name: 'Rustam Khairullin', employer: 'Volga Automotive Components', standards: ['BR-AUTO-EV', 'BR-AUTO-ICV', 'BR-MFG-PLC'], stationId: 'ST-RU-KZN' },
  { id: 'EX-0016', name: 'Milan Petrović', employer: 'Šumadija Vehicle Works', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-AUTO-BATT'], stationId: 'MW-RS-KGV' },
  { id: 'EX-0017', name: 'Jelena Marković', employer: 'Belgrade Technical School', trainingProviderId: 'ST-RS-BEG', standards: ['BR-MFG-MECHA', 'BR-MFG-CNC', 'BR-CON-ELEC'], stationId: 'ST-RS-BEG' },
  { id: 'EX-0018', name: 'Ahmed Hassan', employer: 'Nile Motor Services', standards: ['BR-AUTO-MECH', 'BR-AUTO-BODY', 'BR-AUTO-PAINT'], stationId: 'MW-EG-ALY' },
  { id: 'EX-0019', name: 'Mona Abdelrahman', employer: 'Cairo Applied Technology School', trainingProviderId: 'ST-EG-CAI', standards: ['BR-GREEN-PV', 'BR-GREEN-HVAC', 'BR-CON-ELEC'], stationId: 'ST-EG-CAI' },
  { id: 'EX-0020', name: 'Budi Santoso', employer: 'Java Electric Mobility', standards: ['BR-AUTO-EV', 'BR-AUTO-CHG', 'BR-AUTO-ICV'], stationId: 'MW-ID-BDO' },
  { id: 'EX-0021', name: 'Siti Rahmawati', employer: 'Surabaya Shipbuilding Polytechnic', trainingProviderId: 'ST-ID-SUB', standards: ['BR-MFG-WELD', 'BR-MFG-FITTER', 'BR-MFG-QC'], stationId: 'ST-ID-SUB' },
  { id: 'EX-0022', name: 'Ahmad Faizal bin Hamzah', employer: 'Klang Valley Motor Workshop', standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-LOG-ECOM'], stationId: 'ST-MY-KUL' },
  { id: 'EX-0023', name: 'Dilshod Karimov', employer: 'Samarkand Auto Assembly', standards: ['BR-AUTO-MECH', 'BR-AUTO-PAINT', 'BR-AUTO-EV'], stationId: 'MW-UZ-SKD' },
  { id: 'EX-0024', name: 'Nodira Yusupova', employer: 'Tashkent Vocational School No. 3', trainingProviderId: 'ST-UZ-TAS', standards: ['BR-CON-ELEC', 'BR-GREEN-HVAC', 'BR-MFG-WELD'], stationId: 'ST-UZ-TAS' },
  { id: 'EX-0025', name: 'Imran Qureshi', employer: 'Indus Engineering Works', standards: ['BR-MFG-WELD', 'BR-AUTO-MECH'], stationId: 'ST-PK-LHE' },
  { id: 'EX-0026', name: 'Nguyen Van Minh', employer: 'Red River Automotive Service', standards: ['BR-AUTO-MECH', 'BR-AUTO-EV', 'BR-MFG-CNC'], stationId: 'ST-VN-HAN' },
  { id: 'EX-0027', name: 'Tran Thi Lan', employer: 'Saigon High-Tech Vocational College', trainingProviderId: 'ST-VN-SGN', standards: ['BR-AI-ROBOT', 'BR-MFG-MECHA', 'BR-GREEN-ESS'], stationId: 'ST-VN-SGN' },
  { id: 'EX-0028', name: 'Bat-Erdene Ganbold', employer: 'Ulaanbaatar Power Grid Services', standards: ['BR-GREEN-WIND', 'BR-AUTO-MECH'], stationId: 'ST-MN-ULN' },
  { id: 'EX-0029', name: 'Tatsiana Kavaleva', employer: 'Minsk Machine-Tool Plant', standards: ['BR-MFG-CNC', 'BR-MFG-TOOL', 'BR-MFG-PLC'], stationId: 'ST-BY-MSQ' },
  { id: 'EX-0030', name: 'Khalid Al-Harbi', employer: 'Gulf Solar Operations', standards: ['BR-GREEN-PV', 'BR-GREEN-ESS', 'BR-GREEN-HVAC'], stationId: 'ST-SA-RUH' },
  { id: 'EX-0031', name: 'Omar Al-Mansoori', employer: 'Emirates Logistics Academy', standards: ['BR-LOG-FWD', 'BR-LOG-ECOM', 'BR-AI-DRONE'], stationId: 'ST-AE-DXB' },
  { id: 'EX-0032', name: 'Ágnes Kovács', employer: 'Pannonia Battery Systems', standards: ['BR-AUTO-BATT', 'BR-MFG-ADDITIVE', 'BR-MFG-QC'], stationId: 'ST-HU-BUD' },
  { id: 'EX-0033', name: 'Dawit Bekele', employer: 'Addis Rail Operations', standards: ['BR-CON-RAIL', 'BR-CON-ELEC'], stationId: 'ST-ET-ADD' },
  { id: 'EX-0034', name: 'He Ping', employer: 'Chongqing Culinary Institute', trainingProviderId: 'TB-CQ-GREEN', standards: ['BR-SRV-CHEF', 'BR-SRV-TUINA'], stationId: 'ST-KH-PNH' },
  { id: 'EX-0035', name: 'Xu Qiang', employer: 'Chongqing Construction Design Institute', standards: ['BR-CON-BIM', 'BR-CON-ELEC', 'BR-ICT-IOT'], stationId: 'ST-MY-KUL' },
];
