import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { ApiKeysModule } from './auth/api-keys/api-keys.module';
import { AuthGuard } from './auth/auth.guard';
import { CertificateLifecycleModule } from './certificate-lifecycle/certificate-lifecycle.module';
import { TokenVerifier } from './auth/token-service';
import { CertificatesModule } from './certificates/certificates.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { API_RUNTIME, type ApiRuntime } from './runtime';
import { ReferenceModule } from './reference/reference.module';
import { SessionsModule } from './sessions/sessions.module';
import { StatisticsModule } from './statistics/statistics.module';
import { VerifyModule } from './verify/verify.module';

@Global()
@Module({})
class RuntimeModule {
  static register(runtime: ApiRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: API_RUNTIME, useValue: runtime },
        { provide: TokenVerifier, useValue: runtime.tokenVerifier },
      ],
      exports: [API_RUNTIME, TokenVerifier],
    };
  }
}

@Module({})
export class AppModule {
  static register(runtime: ApiRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(runtime),
        ApiKeysModule,
        RateLimitModule,
        IdempotencyModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: runtime.config.LOG_LEVEL,
            // Tokens and keys never reach the logs.
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            // The application, certificate or session a request acted on (its workflow id follows from it).
            customProps: (req) => {
              const params = (req as { params?: Record<string, string> }).params ?? {};
              const target = params.id ?? params.number;
              return target ? { target } : {};
            },
          },
        }),
        HealthModule,
        ApplicationsModule,
        CertificateLifecycleModule,
        SessionsModule,
        ReferenceModule,
        CertificatesModule,
        VerifyModule,
        AuditModule,
        MetricsModule,
        StatisticsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
