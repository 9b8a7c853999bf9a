import { InternalServerErrorException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { firstValueFrom, of, throwError } from 'rxjs';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import type { IdempotencyStore } from './idempotency.store';

const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A store whose database is down for the first write, back for the next. */
function storeDownOnce() {
  const complete = jest.fn().mockRejectedValueOnce(unreachable()).mockResolvedValue(undefined);
  const release = jest.fn().mockRejectedValueOnce(unreachable()).mockResolvedValue(undefined);
  const store = { claim: jest.fn().mockResolvedValue({ kind: 'claimed' }), complete, release };
  return { store: store as unknown as IdempotencyStore, complete, release };
}

function httpContext(): ExecutionContext {
  const req = { method: 'POST', path: '/applications', headers: { 'idempotency-key': 'k-1' }, body: { a: 1 }, principal: { sub: 'station' } };
  const res = { statusCode: 200, setHeader: () => undefined, status: () => undefined };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
}

const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('IdempotencyInterceptor while its database is unreachable', () => {
  it('still answers a handled command with its result, and marks the key done once the database is back', async () => {
    const { store, complete } = storeDownOnce();
    const interceptor = new IdempotencyInterceptor(store, { waitMs: 100, pollMs: 10, retryWritesForMs: 5_000 });
    const next: CallHandler = { handle: () => of({ applicationId: 'a-1', status: 'eligible' }) };
    const body = await firstValueFrom(await interceptor.intercept(httpContext(), next));
    expect(body).toEqual({ applicationId: 'a-1', status: 'eligible' });
    await waitUntil(() => complete.mock.calls.length >= 2);
    expect(complete).toHaveBeenCalledTimes(2);
  });

  it("answers a failed request with the handler's own error and releases the key once the database is back", async () => {
    const { store, release } = storeDownOnce();
    const interceptor = new IdempotencyInterceptor(store, { waitMs: 100, pollMs: 10, retryWritesForMs: 5_000 });
    const failure = new InternalServerErrorException('temporal unavailable');
    const next: CallHandler = { handle: () => throwError(() => failure) };
    await expect(firstValueFrom(await interceptor.intercept(httpContext(), next))).rejects.toBe(failure);
    await waitUntil(() => release.mock.calls.length >= 2);
    expect(release).toHaveBeenCalledTimes(2);
  });
});
