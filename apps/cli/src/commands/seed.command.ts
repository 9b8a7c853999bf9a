import { readFileSync } from 'node:fs';
import {
  loadReferenceData,
  shippedReferenceData,
  ReferenceDataError,
  type ReferenceData,
} from '@corridor/domain';
import { loadConfig } from '../../../api/src/config/corridor-config';
import { openCliStorage } from '../cli-storage';
import { seedReferenceData } from '../../../api/src/reference/reference-store';

/**
 * `corridor seed [--file <reference.json>]`: validates reference data (the shipped set by default)
 * and stores it. Invalid data is refused with every bad record and field named; nothing is stored.
 */
export async function seedCommand(args: string[]): Promise<number> {
  const fileIndex = args.indexOf('--file');
  let data: ReferenceData;
  try {
    data =
      fileIndex >= 0
        ? loadReferenceData(JSON.parse(readFileSync(args[fileIndex + 1] ?? '', 'utf8')))
        : shippedReferenceData();
  } catch (error) {
    if (error instanceof ReferenceDataError) {
      console.error(`Reference data refused:\n${error.issues.map((i) => `  ${i}`).join('\n')}`);
      return 1;
    }
    throw error;
  }
  const storage = await openCliStorage(loadConfig());
  try {
    const counts = await seedReferenceData(storage.db, data);
    console.log(JSON.stringify(counts));
    return 0;
  } finally {
    await storage.store.close();
    await storage.db.close();
  }
}
