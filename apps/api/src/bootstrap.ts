import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { applyBodyLimits } from './common/body-limits';
import { validationPipe } from './common/validation';
import type { ApiRuntime } from './runtime';

/** Builds the Nest application on a runtime; callers decide whether and where it listens. */
export async function createApiApp(runtime: ApiRuntime, options: { logs?: boolean } = {}): Promise<NestExpressApplication> {
  // Our own body parsers (size and depth limits) replace Nest's defaults.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(runtime), { bufferLogs: true, bodyParser: false });
  applyBodyLimits(app, { maxBytes: runtime.config.BODY_LIMIT, maxDepth: runtime.config.BODY_MAX_DEPTH });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  app.useGlobalPipes(validationPipe);
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Corridor')
      .setDescription('Event-sourced workflow engine for international skills certification')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
