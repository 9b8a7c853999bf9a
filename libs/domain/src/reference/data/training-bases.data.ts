import type { TrainingBaseInput } from '../reference-data.schema';

/** The centre's four skill training bases, built in Chongqing (press texts). */
export const trainingBasesData: TrainingBaseInput[] = [
  {
    id: 'TB-CQ-AUTO',
    name: 'Chongqing Automotive and New-Energy Vehicle Skills Training Base',
    nameZh: '重庆汽车与新能源汽车技能培训基地',
    countryCode: 'CN',
    city: 'Chongqing',
    standards: ['BR-AUTO-EV', 'BR-AUTO-MECH', 'BR-AUTO-BODY', 'BR-AUTO-PAINT', 'BR-AUTO-ELEC', 'BR-AUTO-ICV', 'BR-AUTO-BATT', 'BR-AUTO-CHG'],
  },
  {
    id: 'TB-CQ-MFG',
    name: 'Chongqing Advanced Manufacturing Skills Training Base',
    nameZh: '重庆先进制造技能培训基地',
    countryCode: 'CN',
    city: 'Chongqing',
    standards: ['BR-MFG-CNC', 'BR-MFG-WELD', 'BR-MFG-MECHA', 'BR-MFG-ADDITIVE', 'BR-MFG-PLC', 'BR-MFG-TOOL', 'BR-MFG-FITTER', 'BR-MFG-QC', 'BR-CON-RAIL'],
  },
  {
    id: 'TB-CQ-DIGITAL',
    name: 'Chongqing Digital and Artificial Intelligence Skills Training Base',
    nameZh: '重庆数字与人工智能技能培训基地',
    countryCode: 'CN',
    city: 'Chongqing',
    standards: ['BR-AI-TRAIN', 'BR-AI-APP', 'BR-AI-ROBOT', 'BR-AI-DRONE', 'BR-ICT-NET', 'BR-ICT-IOT', 'BR-CON-BIM', 'BR-LOG-FWD', 'BR-LOG-ECOM'],
  },
  {
    id: 'TB-CQ-GREEN',
    name: 'Chongqing Green Low-Carbon Skills Training Base',
    nameZh: '重庆绿色低碳技能培训基地',
    countryCode: 'CN',
    city: 'Chongqing',
    standards: ['BR-GREEN-PV', 'BR-GREEN-WIND', 'BR-GREEN-ESS', 'BR-GREEN-CARBON', 'BR-GREEN-HVAC', 'BR-CON-ELEC', 'BR-SRV-CHEF', 'BR-SRV-TUINA'],
  },
];
