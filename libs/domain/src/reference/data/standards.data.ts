import type { SkillStandardInput } from '../reference-data.schema';

/**
 * The mutually recognised skill standards written under the Belt and Road International Skills
 * Standards Development Regulations ("30+" in the press texts). Priority fields first: automotive
 * (with new-energy vehicles), artificial intelligence, advanced manufacturing, green low-carbon.
 * Occupations are ISCO-08 unit groups.
 */
export const standardsData: SkillStandardInput[] = [
  // Automotive — the "Chinese + Automotive" workshops
  { code: 'BR-AUTO-EV', field: 'automotive', titleZh: '新能源汽车维修工', titleEn: 'New-energy vehicle maintenance technician', iscoCode: '7231', publishedOn: '2023-06-01' },
  { code: 'BR-AUTO-MECH', field: 'automotive', titleZh: '汽车维修工', titleEn: 'Motor vehicle mechanic', iscoCode: '7231', publishedOn: '2022-09-01' },
  { code: 'BR-AUTO-BODY', field: 'automotive', titleZh: '汽车车身修理工', titleEn: 'Vehicle body repairer', iscoCode: '7213', publishedOn: '2022-09-01' },
  { code: 'BR-AUTO-PAINT', field: 'automotive', titleZh: '汽车涂装工', titleEn: 'Automotive refinishing painter', iscoCode: '7132', publishedOn: '2023-03-01' },
  { code: 'BR-AUTO-ELEC', field: 'automotive', titleZh: '汽车电气维修工', titleEn: 'Automotive electrical and electronics repairer', iscoCode: '7412', publishedOn: '2023-03-01' },
  { code: 'BR-AUTO-ICV', field: 'automotive', titleZh: '智能网联汽车测试员', titleEn: 'Intelligent connected vehicle test technician', iscoCode: '3114', publishedOn: '2024-05-01' },
  { code: 'BR-AUTO-BATT', field: 'automotive', titleZh: '动力电池维修工', titleEn: 'Traction battery repair technician', iscoCode: '7412', publishedOn: '2024-05-01' },
  { code: 'BR-AUTO-CHG', field: 'automotive', titleZh: '充电设施安装维护员', titleEn: 'EV charging equipment installer', iscoCode: '7411', publishedOn: '2024-09-01' },
  // Artificial intelligence
  { code: 'BR-AI-TRAIN', field: 'artificial-intelligence', titleZh: '人工智能训练师', titleEn: 'Artificial intelligence trainer', iscoCode: '2519', publishedOn: '2024-03-01' },
  { code: 'BR-AI-APP', field: 'artificial-intelligence', titleZh: '人工智能应用技术员', titleEn: 'AI application technician', iscoCode: '3512', publishedOn: '2025-01-15' },
  { code: 'BR-AI-ROBOT', field: 'artificial-intelligence', titleZh: '工业机器人系统运维员', titleEn: 'Industrial robot system maintainer', iscoCode: '7233', publishedOn: '2023-06-01' },
  { code: 'BR-AI-DRONE', field: 'artificial-intelligence', titleZh: '无人机驾驶员', titleEn: 'Unmanned aerial vehicle pilot', iscoCode: '3153', publishedOn: '2024-09-01' },
  // Advanced manufacturing
  { code: 'BR-MFG-CNC', field: 'advanced-manufacturing', titleZh: '数控车工', titleEn: 'CNC turning machinist', iscoCode: '7223', publishedOn: '2022-09-01' },
  { code: 'BR-MFG-WELD', field: 'advanced-manufacturing', titleZh: '焊工', titleEn: 'Welder', iscoCode: '7212', publishedOn: '2022-09-01' },
  { code: 'BR-MFG-MECHA', field: 'advanced-manufacturing', titleZh: '机电一体化技术员', titleEn: 'Mechatronics technician', iscoCode: '3115', publishedOn: '2023-03-01' },
  { code: 'BR-MFG-ADDITIVE', field: 'advanced-manufacturing', titleZh: '增材制造设备操作员', titleEn: 'Additive manufacturing operator', iscoCode: '3119', publishedOn: '2024-03-01' },
  { code: 'BR-MFG-PLC', field: 'advanced-manufacturing', titleZh: '可编程控制系统设计师', titleEn: 'PLC control systems technician', iscoCode: '3113', publishedOn: '2023-06-01' },
  { code: 'BR-MFG-TOOL', field: 'advanced-manufacturing', titleZh: '工具钳工', titleEn: 'Tool and die maker', iscoCode: '7222', publishedOn: '2023-03-01' },
  { code: 'BR-MFG-FITTER', field: 'advanced-manufacturing', titleZh: '装配钳工', titleEn: 'Machinery assembly fitter', iscoCode: '7233', publishedOn: '2023-03-01' },
  { code: 'BR-MFG-QC', field: 'advanced-manufacturing', titleZh: '质检员', titleEn: 'Precision measurement and quality inspector', iscoCode: '7543', publishedOn: '2024-03-01' },
  // Green low-carbon technology
  { code: 'BR-GREEN-PV', field: 'green-low-carbon', titleZh: '光伏电站运维员', titleEn: 'Photovoltaic plant installer and maintainer', iscoCode: '7411', publishedOn: '2023-06-01' },
  { code: 'BR-GREEN-WIND', field: 'green-low-carbon', titleZh: '风电机组检修工', titleEn: 'Wind turbine maintenance technician', iscoCode: '7412', publishedOn: '2024-03-01' },
  { code: 'BR-GREEN-ESS', field: 'green-low-carbon', titleZh: '储能电站运维员', titleEn: 'Energy storage system operator', iscoCode: '3131', publishedOn: '2024-09-01' },
  { code: 'BR-GREEN-CARBON', field: 'green-low-carbon', titleZh: '碳排放管理员', titleEn: 'Carbon emissions management officer', iscoCode: '3257', publishedOn: '2024-05-01' },
  { code: 'BR-GREEN-HVAC', field: 'green-low-carbon', titleZh: '制冷空调系统安装维修工', titleEn: 'Refrigeration and air-conditioning mechanic', iscoCode: '7127', publishedOn: '2023-03-01' },
  // ICT
  { code: 'BR-ICT-NET', field: 'ict', titleZh: '网络与信息安全管理员', titleEn: 'Network and information security administrator', iscoCode: '3513', publishedOn: '2023-06-01' },
  { code: 'BR-ICT-IOT', field: 'ict', titleZh: '物联网安装调试员', titleEn: 'Internet of Things installer', iscoCode: '7422', publishedOn: '2024-03-01' },
  // Construction and infrastructure
  { code: 'BR-CON-ELEC', field: 'construction', titleZh: '电工', titleEn: 'Building electrician', iscoCode: '7411', publishedOn: '2022-09-01' },
  { code: 'BR-CON-BIM', field: 'construction', titleZh: '建筑信息模型技术员', titleEn: 'Building information modelling technician', iscoCode: '3118', publishedOn: '2024-03-01' },
  { code: 'BR-CON-RAIL', field: 'construction', titleZh: '城市轨道交通车辆检修工', titleEn: 'Urban rail vehicle maintenance technician', iscoCode: '7233', publishedOn: '2023-06-01' },
  // Logistics and trade along the corridor
  { code: 'BR-LOG-FWD', field: 'logistics-trade', titleZh: '国际货运代理员', titleEn: 'International freight forwarder', iscoCode: '3331', publishedOn: '2023-06-01' },
  { code: 'BR-LOG-ECOM', field: 'logistics-trade', titleZh: '跨境电子商务师', titleEn: 'Cross-border e-commerce specialist', iscoCode: '3339', publishedOn: '2024-05-01' },
  // Services
  { code: 'BR-SRV-CHEF', field: 'services', titleZh: '中式烹调师', titleEn: 'Chinese cuisine cook', iscoCode: '5120', publishedOn: '2022-09-01' },
  { code: 'BR-SRV-TUINA', field: 'services', titleZh: '保健按摩师', titleEn: 'Tuina massage therapist', iscoCode: '3230', publishedOn: '2023-03-01' },
];
