import type { LevelCode } from '@corridor/domain';
import type { AssessmentComponent, RecognitionStatus } from '../facts/certificate-facts';

/** Fixed wording printed on the certificate, per language. */
export interface CertificateLabels {
  title: string;
  certifies: string;
  hasMet: string;
  standard: string;
  level: string;
  nationality: string;
  results: string;
  component: Record<AssessmentComponent, string>;
  passMark: string;
  weight: string;
  recognition: string;
  recognitionStatus: Record<RecognitionStatus, string>;
  conditions: string;
  certificateNumber: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string;
  verify: string;
  levels: Record<LevelCode, string>;
}

const en: CertificateLabels = {
  title: 'International Vocational Skills Certificate',
  certifies: 'This is to certify that',
  hasMet: 'has met the requirements of the international skills standard',
  standard: 'Standard',
  level: 'Level',
  nationality: 'Nationality',
  results: 'Assessment results',
  component: { theory: 'Theory', practical: 'Practical' },
  passMark: 'pass mark',
  weight: 'weight',
  recognition: 'Recognition abroad',
  recognitionStatus: { recognised: 'recognised', conditional: 'recognised with conditions', 'not-recognised': 'not recognised' },
  conditions: 'conditions',
  certificateNumber: 'Certificate No.',
  issuedOn: 'Issued on',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
  verify: 'Scan to verify online',
  levels: { junior: 'Junior worker', intermediate: 'Intermediate worker', senior: 'Senior worker', technician: 'Technician', 'senior-technician': 'Senior technician' },
};

const zh: CertificateLabels = {
  title: '国际职业技能等级证书',
  certifies: '兹证明',
  hasMet: '已达到以下国际技能标准的要求',
  standard: '标准',
  level: '等级',
  nationality: '国籍',
  results: '考核成绩',
  component: { theory: '理论考试', practical: '实操考试' },
  passMark: '合格线',
  weight: '权重',
  recognition: '境外互认',
  recognitionStatus: { recognised: '已互认', conditional: '有条件互认', 'not-recognised': '未互认' },
  conditions: '条件',
  certificateNumber: '证书编号',
  issuedOn: '发证日期',
  validFrom: '生效日期',
  validUntil: '有效期至',
  verify: '扫码在线验证',
  levels: { junior: '初级工', intermediate: '中级工', senior: '高级工', technician: '技师', 'senior-technician': '高级技师' },
};

const ru: CertificateLabels = {
  title: 'Международный сертификат профессиональной квалификации',
  certifies: 'Настоящим удостоверяется, что',
  hasMet: 'выполнил(а) требования международного профессионального стандарта',
  standard: 'Стандарт',
  level: 'Уровень',
  nationality: 'Гражданство',
  results: 'Результаты оценки',
  component: { theory: 'Теория', practical: 'Практика' },
  passMark: 'проходной балл',
  weight: 'вес',
  recognition: 'Признание за рубежом',
  recognitionStatus: { recognised: 'признан', conditional: 'признан с условиями', 'not-recognised': 'не признан' },
  conditions: 'условия',
  certificateNumber: 'Сертификат №',
  issuedOn: 'Дата выдачи',
  validFrom: 'Действителен с',
  validUntil: 'Действителен до',
  verify: 'Отсканируйте для проверки',
  levels: {
    junior: 'Рабочий начального уровня',
    intermediate: 'Рабочий среднего уровня',
    senior: 'Рабочий высокого уровня',
    technician: 'Техник',
    'senior-technician': 'Старший техник',
  },
};

const kk: CertificateLabels = {
  title: 'Халықаралық кәсіби біліктілік сертификаты',
  certifies: 'Осы арқылы куәландырылады:',
  hasMet: 'халықаралық кәсіби стандарттың талаптарын орындады',
  standard: 'Стандарт',
  level: 'Деңгей',
  nationality: 'Азаматтығы',
  results: 'Бағалау нәтижелері',
  component: { theory: 'Теория', practical: 'Практика' },
  passMark: 'өту балы',
  weight: 'салмағы',
  recognition: 'Шетелде танылуы',
  recognitionStatus: { recognised: 'танылған', conditional: 'шартпен танылған', 'not-recognised': 'танылмаған' },
  conditions: 'шарттар',
  certificateNumber: 'Сертификат №',
  issuedOn: 'Берілген күні',
  validFrom: 'Жарамды басталуы',
  validUntil: 'Жарамдылық мерзімі',
  verify: 'Тексеру үшін сканерлеңіз',
  levels: {
    junior: 'Бастапқы деңгейдегі жұмысшы',
    intermediate: 'Орта деңгейдегі жұмысшы',
    senior: 'Жоғары деңгейдегі жұмысшы',
    technician: 'Техник',
    'senior-technician': 'Аға техник',
  },
};

const ar: CertificateLabels = {
  title: 'شهادة المهارات المهنية الدولية',
  certifies: 'نشهد بأن',
  hasMet: 'قد استوفى متطلبات معيار المهارات الدولي',
  standard: 'المعيار',
  level: 'المستوى',
  nationality: 'الجنسية',
  results: 'نتائج التقييم',
  component: { theory: 'النظري', practical: 'العملي' },
  passMark: 'درجة النجاح',
  weight: 'الوزن',
  recognition: 'الاعتراف في الخارج',
  recognitionStatus: { recognised: 'معترف به', conditional: 'معترف به بشروط', 'not-recognised': 'غير معترف به' },
  conditions: 'الشروط',
  certificateNumber: 'رقم الشهادة',
  issuedOn: 'تاريخ الإصدار',
  validFrom: 'صالحة من',
  validUntil: 'صالحة حتى',
  verify: 'امسح الرمز للتحقق',
  levels: { junior: 'عامل مبتدئ', intermediate: 'عامل متوسط', senior: 'عامل أول', technician: 'فني', 'senior-technician': 'فني أول' },
};

const fr: CertificateLabels = {
  title: 'Certificat international de compétences professionnelles',
  certifies: 'Il est certifié que',
  hasMet: 'a satisfait aux exigences de la norme internationale de compétences',
  standard: 'Norme',
  level: 'Niveau',
  nationality: 'Nationalité',
  results: "Résultats de l'évaluation",
  component: { theory: 'Théorie', practical: 'Pratique' },
  passMark: 'note de passage',
  weight: 'poids',
  recognition: "Reconnaissance à l'étranger",
  recognitionStatus: { recognised: 'reconnu', conditional: 'reconnu sous conditions', 'not-recognised': 'non reconnu' },
  conditions: 'conditions',
  certificateNumber: 'Certificat n°',
  issuedOn: 'Délivré le',
  validFrom: 'Valable du',
  validUntil: "Valable jusqu'au",
  verify: 'Scannez pour vérifier',
  levels: { junior: 'Ouvrier débutant', intermediate: 'Ouvrier intermédiaire', senior: 'Ouvrier confirmé', technician: 'Technicien', 'senior-technician': 'Technicien principal' },
};

const es: CertificateLabels = {
  title: 'Certificado internacional de competencias profesionales',
  certifies: 'Se certifica que',
  hasMet: 'ha cumplido los requisitos de la norma internacional de competencias',
  standard: 'Norma',
  level: 'Nivel',
  nationality: 'Nacionalidad',
  results: 'Resultados de la evaluación',
  component: { theory: 'Teoría', practical: 'Práctica' },
  passMark: 'nota mínima',
  weight: 'peso',
  recognition: 'Reconocimiento en el extranjero',
  recognitionStatus: { recognised: 'reconocido', conditional: 'reconocido con condiciones', 'not-recognised': 'no reconocido' },
  conditions: 'condiciones',
  certificateNumber: 'Certificado n.º',
  issuedOn: 'Expedido el',
  validFrom: 'Válido desde',
  validUntil: 'Válido hasta',
  verify: 'Escanee para verificar',
  levels: { junior: 'Trabajador inicial', intermediate: 'Trabajador intermedio', senior: 'Trabajador superior', technician: 'Técnico', 'senior-technician': 'Técnico superior' },
};

const LABELS: Record<string, CertificateLabels> = { en, zh, ru, kk, ar, fr, es };

export function labelsFor(language: string): CertificateLabels | undefined {
  return LABELS[primaryLanguage(language)];
}

export function primaryLanguage(language: string): string {
  return (language.toLowerCase().split('-')[0] ?? '').trim();
}

/** Languages whose wording the certificate can print; others get the Chinese and English blocks only. */
export function certificateLanguages(): string[] {
  return Object.keys(LABELS);
}
