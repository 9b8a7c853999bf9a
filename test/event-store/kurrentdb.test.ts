import {
  KurrentDbEventStore,
  loadKurrentClient,
  passThroughCodec,
  type EventCodec,
  type EventStore,
} from '@corridor/event-store';
import { eventStoreContract } from './event-store.contract';

const url = process.env.KURRENTDB_URL;

if (url) {
  describe('KurrentDbEventStore', () => {
    // Point KURRENTDB_URL at a KurrentDB of its own: verifyAll checks every event in it.
    const stores: EventStore[] = [];
    eventStoreContract({
      async open(codec: EventCodec) {
        const store = new KurrentDbEventStore(url, codec);
        await store.init();
        stores.push(store);
        return store;
      },
      async closeAll() {
        for (const store of stores.splice(0)) await store.close();
      },
    });
  });
} else {
  describe('KurrentDbEventStore without a server', () => {
    it('loads the adapter and its lazily imported client', async () => {
      console.log('KurrentDB contract suite not run: KURRENTDB_URL is not set');
      const store = new KurrentDbEventStore('kurrentdb://127.0.0.1:1?tls=false', passThroughCodec);
      expect(store.kind).toBe('kurrentdb');
      const kurrent = await loadKurrentClient();
      expect(typeof kurrent.KurrentDBClient.connectionString).toBe('function');
      expect(kurrent.NO_STREAM).toBe('no_stream');
      await store.close();
    });
  });
}
