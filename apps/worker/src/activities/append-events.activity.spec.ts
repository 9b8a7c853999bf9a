import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { openPGlite, SqlEventStore, type EventCodec, type SqlDatabase } from '@corridor/event-store';
import { appendEventsActivity } from './append-events.activity';

/** Refuses events without a name, like the domain's zod codec refuses an invalid event. */
const codec: EventCodec = {
  encode(type, data) {
    if (typeof (data as { name?: unknown }).name !== 'string') throw new Error('name: required');
    return { data, schemaVersion: 1 };
  },
  decode: (type, _v, data) => ({ type, data }),
};

describe('appendEvents activity', () => {
  let db: SqlDatabase;
  let append: ReturnType<typeof appendEventsActivity>;
  beforeAll(async () => {
    db = await openPGlite();
    const store = new SqlEventStore(db, codec);
    await store.init();
    append = appendEventsActivity(store);
  });
  afterAll(() => db.close());

  const input = (data: unknown) => ({
    stream: `thing-${randomUUID()}`,
    expectedVersion: 0,
    idSeed: randomUUID(),
    events: [{ type: 'Named', data }],
    metadata: {},
  });

  // Retrying cannot make the store accept the event: the failure must reach the workflow at once
  // instead of retrying the activity forever.
  it.each([
    ['invalid for the codec', { other: 1 }],
    ['ill-formed Unicode', { name: 'x\ud800y' }],
  ])('fails without retrying when the store refuses the event (%s)', async (_label, data) => {
    const error = await append(input(data) as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true, type: 'InvalidEventError' });
  });
});
