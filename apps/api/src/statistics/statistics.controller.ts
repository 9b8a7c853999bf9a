import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { StatisticsReadModel } from './statistics.read-model';
import { CertificationStatsQuery, type CertificationStatsView } from './statistics.schemas';

/** Figures for the corridor's officers and auditors, from checkpointed projections. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  private readonly readModel: StatisticsReadModel;

  constructor(@Inject(API_RUNTIME) runtime: ApiRuntime) {
    this.readModel = new StatisticsReadModel(runtime.db);
  }

  @Get('certifications')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Certificates issued, grouped by country (nationality), standard, station or year of issue' })
  certifications(@Query({ schema: CertificationStatsQuery }) query: CertificationStatsQuery): Promise<CertificationStatsView> {
    return this.readModel.certifications(query);
  }
}
