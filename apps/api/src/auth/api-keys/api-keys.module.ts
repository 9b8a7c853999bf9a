import { Global, Module } from '@nestjs/common';
import { stationApiKeysFrom } from './api-key-config';
import { ApiKeyVerifier } from './api-key-verifier';

/** Station API keys from STATION_API_KEYS, for the global AuthGuard. */
@Global()
@Module({
  providers: [{ provide: ApiKeyVerifier, useFactory: () => new ApiKeyVerifier(stationApiKeysFrom()) }],
  exports: [ApiKeyVerifier],
})
export class ApiKeysModule {}
