import { z } from 'zod';

/**
 * China's national vocational skill levels, entry to top. Stored as a code with an ordinal rank
 * (1 = entry) and labels; the national "level 5 … level 1" numbering is never stored bare because it
 * runs the other way round and invites mistakes.
 */
export const LEVELS = [
  { code: 'junior', rank: 1, zh: '初级工', en: 'Junior worker', national: 5 },
  { code: 'intermediate', rank: 2, zh: '中级工', en: 'Intermediate worker', national: 4 },
  { code: 'senior', rank: 3, zh: '高级工', en: 'Senior worker', national: 3 },
  { code: 'technician', rank: 4, zh: '技师', en: 'Technician', national: 2 },
  { code: 'senior-technician', rank: 5, zh: '高级技师', en: 'Senior technician', national: 1 },
] as const;

export const LevelCode = z.enum(['junior', 'intermediate', 'senior', 'technician', 'senior-technician']);
export type LevelCode = z.infer<typeof LevelCode>;
export type Level = (typeof LEVELS)[number];

export function levelOf(code: LevelCode): Level {
  const level = LEVELS.find((l) => l.code === code);
  if (!level) throw new Error(`unknown level ${code}`);
  return level;
}
