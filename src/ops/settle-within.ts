/**
 * Waits until every piece of `work` has settled (fulfilled or rejected), but no longer than
 * `timeoutMs`: a graceful stop must end even when something in flight hangs.
 */
export async function settleWithin(work: readonly Promise<unknown>[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(work),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
