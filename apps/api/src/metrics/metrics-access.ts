import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsAccessConfig {
  production: boolean;
  METRICS_TOKEN?: string;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Who may scrape /metrics. With METRICS_TOKEN set, only a caller presenting it as a bearer token
 * (compared in constant time). Without one, development serves metrics to anyone, while production
 * does not serve them at all: process and projection figures are not for the public internet.
 */
export function assertMetricsAccess(config: MetricsAccessConfig, authorization: string | undefined): void {
  if (!config.METRICS_TOKEN) {
    if (config.production) throw new NotFoundException('metrics are not served in production without METRICS_TOKEN');
    return;
  }
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!presented || !timingSafeEqual(digest(presented), digest(config.METRICS_TOKEN)))
    throw new UnauthorizedException('a valid METRICS_TOKEN bearer token is required');
}
