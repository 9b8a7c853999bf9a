import type { EventFilter } from '../event-store.port';

/** SQL conditions for an EventFilter; parameters are appended to `params`. */
export function filterSql(filter: EventFilter | undefined, params: unknown[]): string {
  let sql = '';
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes);
    sql += ` AND stream ^@ ANY($${params.length}::text[])`;
  }
  if (filter?.types?.length) {
    params.push(filter.types);
    sql += ` AND type = ANY($${params.length}::text[])`;
  }
  return sql;
}
