import { BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';

function pathOf(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  return (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || '(body)';
}

/** zod (Standard Schema) validation at the edge: 400 naming each bad field, nothing else happens. */
export const validationPipe = new StandardSchemaValidationPipe({
  exceptionFactory: (issues) => {
    const errors = issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
    return new BadRequestException({
      type: 'problem',
      title: 'invalid request',
      detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    });
  },
});
