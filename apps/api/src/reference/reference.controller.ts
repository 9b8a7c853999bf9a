import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/auth.decorators';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { listReference, REFERENCE_KINDS, type ReferenceKind } from './reference-store';

const KindParam = z.enum(REFERENCE_KINDS);

/** Reference data as seeded: what stations' systems need to fill their forms. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  @Get(':kind')
  @Roles('officer', 'station', 'auditor')
  @ApiOperation({ summary: 'Stations, training bases, standards, schemes, agreements, assessors or countries' })
  async list(@Param('kind', { schema: KindParam }) kind: ReferenceKind) {
    const items = await listReference(this.runtime.db, kind);
    return { kind, count: items.length, items };
  }
}
