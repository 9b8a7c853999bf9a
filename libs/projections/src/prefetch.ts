/** Groups an async iterable into arrays of up to `size` items. */
export async function* chunked<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Starts producing the next item while the consumer works on the current one, so reading the log
 * and writing the read model overlap (they run on different connections).
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // If the consumer stops with an error while a read is pending, that read's failure is moot.
  next.catch(() => undefined);
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = iterator.next();
    next.catch(() => undefined);
    yield result.value;
  }
}
