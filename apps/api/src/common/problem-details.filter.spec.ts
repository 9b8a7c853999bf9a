import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

function capture() {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = {
    headers: {},
  };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    send: (text: string) => (sent.body = JSON.parse(text) as Record<string, unknown>),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { sent, host };
}

describe('ProblemDetailsFilter and unreachable dependencies', () => {
  const filter = new ProblemDetailsFilter();
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  it.each([
    [
      'Postgres refusing connections',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'Postgres shutting down',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'Postgres starting up',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'Temporal unreachable',
      new Error('service error', { cause: Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }) }),
    ],
  ])('answers 503 problem+json with Retry-After for %s', (_, error) => {
    const { sent, host } = capture();
    filter.catch(error, host);
    expect(sent).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '1' },
      body: { status: 503, title: 'service unavailable', code: 'dependency-unavailable' },
    });
  });

  it('still answers 500 for a defect', () => {
    const { sent, host } = capture();
    filter.catch(new TypeError("Cannot read properties of undefined (reading 'x')"), host);
    expect(sent).toMatchObject({ status: 500, body: { title: 'internal server error' } });
  });
});
