import type { SqlExecutor } from '@corridor/event-store';
import { NO_STATION } from '@corridor/projections';
import type { CertificationGroupBy, CertificationStatsQuery, CertificationStatsView } from './statistics.schemas';

const COLUMN: Record<CertificationGroupBy, string> = {
  country: 'nationality',
  standard: 'standard_code',
  station: 'station_id',
  year: 'year',
};

/** Reads the `certification_stats` projection: a few hundred rows at most, summed per group. */
export class StatisticsReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async certifications(q: CertificationStatsQuery): Promise<CertificationStatsView> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (column: string, value: unknown): void => {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    if (q.country) add('nationality', q.country);
    if (q.standard) add('standard_code', q.standard);
    if (q.station) add('station_id', q.station);
    if (q.year !== undefined) add('year', q.year);
    const column = COLUMN[q.groupBy];
    const { rows } = await this.db.query<{ key: string | number; certified: string | number }>(
      `SELECT ${column} AS key, sum(certified) AS certified FROM certification_stats
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY ${column} ORDER BY sum(certified) DESC, ${column} ASC`,
      params,
    );
    const items = rows.map((r) => ({
      key: q.groupBy === 'station' && r.key === NO_STATION ? null : q.groupBy === 'year' ? Number(r.key) : r.key,
      certified: Number(r.certified),
    }));
    return { groupBy: q.groupBy, total: items.reduce((sum, i) => sum + i.certified, 0), items };
  }
}
