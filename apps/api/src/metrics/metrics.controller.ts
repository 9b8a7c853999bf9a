import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { assertMetricsAccess } from './metrics-access';
import { METRICS_REGISTRY } from './metrics.registry';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Get()
  // Not a user route: the bearer here is METRICS_TOKEN, checked below, not a user's token.
  @Public()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics: process defaults and projection lag (bearer METRICS_TOKEN when set; not served in production without it)' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    assertMetricsAccess(this.runtime.config, authorization);
    const body = await this.registry.metrics();
    res.setHeader('content-type', this.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    return body;
  }
}
