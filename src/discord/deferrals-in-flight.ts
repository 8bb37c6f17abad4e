/**
 * Deferrals ("thinking…") sent to Discord and not yet confirmed, over every interaction one router
 * answers. Work that deferred for a model call starts the call once its own deferral is confirmed
 * and so is every deferral sent before that moment.
 *
 * Why: interactions come in bursts (100 at once in the bench), and starting a model request costs
 * the openai SDK ~0.4 ms of CPU on Node 20. Started as each deferral was confirmed, the first
 * interactions' model requests ran while later ones were still deferring: an uncached burst's
 * first-callback p99 was 32–37 ms, 21–22 ms with this wait, the final answer within 2–5%
 * (medians of 8 bursts of 100, Node 20). Only deferrals already sent are waited for, so under
 * steady traffic a model call waits about one round trip to Discord, never for later arrivals.
 */
export class DeferralsInFlight {
  private sent = 0;
  /** Sequence numbers of unconfirmed deferrals, oldest first (a Set keeps insertion order). */
  private readonly pending = new Set<number>();
  private waiting: Array<{ through: number; resolve: () => void }> = [];

  /** Counts `deferral` until it settles, confirmed or failed. */
  track(deferral: Promise<unknown>): void {
    this.sent += 1;
    const sequence = this.sent;
    this.pending.add(sequence);
    void deferral
      .catch(() => undefined)
      .finally(() => {
        this.pending.delete(sequence);
        const oldest = this.oldestPending();
        this.waiting = this.waiting.filter((waiter) => {
          if (waiter.through >= oldest) return true;
          waiter.resolve();
          return false;
        });
      });
  }

  /** Resolves when every deferral sent until now has settled (at once when none is pending). */
  sentSoFarSettled(): Promise<void> {
    const through = this.sent;
    if (this.oldestPending() > through) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ through, resolve }));
  }

  private oldestPending(): number {
    const first = this.pending.values().next();
    return first.done ? Number.POSITIVE_INFINITY : first.value;
  }
}
