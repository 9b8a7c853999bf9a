import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { METRICS_REGISTRY } from './metrics.registry';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Public()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics: process defaults and projection lag' })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.registry.metrics();
    res.setHeader('content-type', this.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    return body;
  }
}
