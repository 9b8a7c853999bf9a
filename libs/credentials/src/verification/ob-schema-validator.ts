import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * The official OB 3.0 AchievementCredential schema, copied into this library (src/schema) so the
 * runtime does not reach outside its package; a test keeps the copy identical to the conformance file.
 */
export const OB_SCHEMA_PATH = join(__dirname, '..', 'schema', 'ob_v3p0_achievementcredential.schema.json');

let compiled: ValidateFunction | undefined;

export function validateAgainstObSchema(document: unknown): { valid: boolean; errors: string[] } {
  compiled ??= compileObSchema(JSON.parse(readFileSync(OB_SCHEMA_PATH, 'utf8')) as object);
  const valid = compiled(document);
  const errors = (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { valid, errors: valid ? [] : errors };
}

/** Exposed so tests can compile the conformance file itself with exactly the production settings. */
export function compileObSchema(schema: object): ValidateFunction {
  // Strict, except for the tuple check: the official schema's 2-item @context tuple trips that warning.
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTuples: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
