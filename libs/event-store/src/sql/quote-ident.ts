/** Quotes an SQL identifier (LISTEN takes no bind parameters, so channel names are spliced in). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
