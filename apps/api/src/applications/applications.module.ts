import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { SchemeResolver } from './scheme-resolver';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsService, SchemeResolver],
})
export class ApplicationsModule {}
