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
  /** Oldest first; `through` never decreases along the queue. */
  private readonly waiting: Array<{ through: number; resolve: () => void }> = [];

  /** Counts `deferral` until it settles, confirmed or failed. */
  track(deferral: Promise<unknown>): void {
    this.sent += 1;
    const sequence = this.sent;
    this.pending.add(sequence);
    void deferral
      .catch(() => undefined)
      .finally(() => {
        this.pending.delete(sequence);
        this.release();
      });
  }

  /** Resolves when every deferral sent until now has settled (at once when none is pending). */
  sentSoFarSettled(): Promise<void> {
    const through = this.sent;
    if (this.oldestPending() > through) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ through, resolve }));
  }

  /**
   * Ends the waits whose deferrals have all settled. Waiters are queued in the order of the
   * deferrals they wait for, so those are at the front: a burst of 100 settling costs 100 steps
   * here, not 100 passes over every waiter (2 ms of a burst's dispatch, Node 20).
   */
  private release(): void {
    const oldest = this.oldestPending();
    let released = 0;
    for (const waiter of this.waiting) {
      if (waiter.through >= oldest) break;
      waiter.resolve();
      released += 1;
    }
    if (released > 0) this.waiting.splice(0, released);
  }

  private oldestPending(): number {
    const first = this.pending.values().next();
    return first.done ? Number.POSITIVE_INFINITY : first.value;
  }
}
