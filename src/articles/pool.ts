/**
 * Maps items through an async function with at most `limit` calls in flight: enough to keep the
 * file system busy, few enough not to exhaust file descriptors on a folder of 10,000 articles.
 * Results keep the order of the items.
 */
export async function mapPooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
