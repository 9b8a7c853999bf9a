import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { ConsistencyReport } from '@corridor/event-store';
import { Public, Roles } from '../../auth/auth.decorators';
import type { CheckpointFile } from './checkpoint-file';
import { CheckpointFileSchema } from './checkpoint-file';
import { CheckpointService } from './checkpoint.service';
import { NoBody } from '../../common/no-body';

const SeqParam = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'a checkpoint number is a whole number' })
  .transform(Number)
  .pipe(z.number().int().min(1, { message: 'checkpoint numbers start at 1' }));

/**
 * Signed checkpoints of the event log (RFC 9162-style tree hash over every event in log order).
 * The latest one is public, as in Certificate Transparency: it reveals the log's size and a hash,
 * nothing else. Taking one, its stream heads, and verification are for auditors.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit/checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointService) {}

  @Get('latest')
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'The latest signed checkpoint of the event log (public: size, root hash, signature)' })
  latest(): Promise<CheckpointFile> {
    return this.checkpoints.latest();
  }

  @Post()
  @ApiOperation({ summary: 'Takes a signed checkpoint now (201), or returns the latest when the log has not grown (200)' })
  async take(@Body({ schema: NoBody }) _body: unknown, @Res({ passthrough: true }) res: Response): Promise<CheckpointFile> {
    const { file, created } = await this.checkpoints.take();
    res.status(created ? 201 : 200);
    return file;
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether the log extends a kept checkpoint, and what changed since it if not' })
  verify(@Body({ schema: CheckpointFileSchema }) body: unknown): Promise<ConsistencyReport> {
    return this.checkpoints.verify(body);
  }

  @Get(':seq')
  @ApiOperation({ summary: 'A checkpoint with the stream heads it covered (the file an auditor keeps)' })
  get(@Param('seq', { schema: SeqParam }) seq: number): Promise<CheckpointFile> {
    return this.checkpoints.get(seq);
  }
}
