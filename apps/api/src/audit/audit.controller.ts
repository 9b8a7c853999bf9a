import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import type { VerifyResult } from '@corridor/event-store';
import { Roles } from '../auth/auth.decorators';
import type { ReplayedApplication } from './application-replay';
import { ApplicationIdParam, ApplicationStateQuery, CertificateNumberParam, ExportQuery, StreamEventsQuery, StreamParam } from './audit.schemas';
import { AuditService, toAuditHttpError, type AuditedCertificate, type StreamEventsPage } from './audit.service';
import type { LatestCheckpointCheck } from './checkpoints/verify-since';
import { csvHeader, csvRow, exportContentType, jsonlLine } from './event-export';

const Stream = () => Param('stream', { schema: StreamParam });

/** The auditors' door: read-only views of the event store, replays through the domain, chain checks. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('streams/:stream/events')
  @ApiOperation({ summary: "A page of a stream's events as stored (with their hash chain)" })
  events(@Stream() stream: string, @Query({ schema: StreamEventsQuery }) query: StreamEventsQuery): Promise<StreamEventsPage> {
    return this.audit.events(stream, query.from, query.limit);
  }

  @Get('streams/:stream/verify')
  @ApiOperation({ summary: "Checks a stream's hash chain; names the first broken version" })
  verifyStream(@Stream() stream: string): Promise<VerifyResult> {
    return this.audit.verifyStream(stream);
  }

  @Get('streams/:stream/export')
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOperation({ summary: 'The whole stream as JSON lines or CSV, streamed' })
  async export(@Stream() stream: string, @Query({ schema: ExportQuery }) query: ExportQuery, @Res() res: Response): Promise<void> {
    await this.audit.assertStream(stream);
    const iterator = this.audit.readStream(stream)[Symbol.asyncIterator]();
    // Read the first event before committing to a 200, so an unreadable stream still gets a problem response.
    let next: IteratorResult<Parameters<typeof csvRow>[0]>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw toAuditHttpError(error);
    }
    res.status(200);
    res.setHeader('content-type', exportContentType[query.format]);
    res.setHeader('content-disposition', `attachment; filename="${stream}.${query.format}"`);
    res.setHeader('cache-control', 'no-store');
    const write = async (chunk: string): Promise<void> => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    try {
      if (query.format === 'csv') await write(csvHeader());
      while (!next.done) {
        await write(query.format === 'csv' ? csvRow(next.value) : jsonlLine(next.value));
        next = await iterator.next();
      }
      res.end();
    } catch (error) {
      // Headers are gone: the only honest signal left is an aborted response.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  @Get('applications/:id/state')
  @ApiOperation({ summary: "An application's state replayed through the domain's evolve, as of a version or an instant" })
  applicationState(@Param('id', { schema: ApplicationIdParam }) id: string, @Query({ schema: ApplicationStateQuery }) query: ApplicationStateQuery): Promise<ReplayedApplication> {
    return this.audit.applicationState(id, { asOfVersion: query.asOfVersion, asOf: query.asOf === undefined ? undefined : new Date(query.asOf) });
  }

  @Get('certificates/:number/record')
  @ApiOperation({
    summary:
      "A certificate's record: every credential issued (exact JWS and hash), every status change since, and whether the credential served now is the one recorded",
  })
  certificateRecord(@Param('number', { schema: CertificateNumberParam }) number: string): Promise<AuditedCertificate> {
    return this.audit.certificateRecord(number);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Checks the hash chain of every stream, and that the log extends the latest signed checkpoint' })
  verifyAll(): Promise<VerifyResult & { checkpoint?: LatestCheckpointCheck }> {
    return this.audit.verifyAll();
  }
}
