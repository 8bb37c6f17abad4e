/**
 * Coalesces concurrent calls for the same key: while `work` for a key is running, further calls
 * with that key get the same promise instead of starting it again. Fifty people asking for the
 * same summary at once cost one model call.
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>();

  /** Runs `work`, or joins the run already in flight for `key`; its result or error is shared. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    // Starting the work a microtask later keeps even a synchronous throw inside the shared promise,
    // and the identity check keeps a settled run from removing a newer one.
    const started: Promise<T> = Promise.resolve()
      .then(work)
      .finally(() => {
        if (this.#inFlight.get(key) === started) this.#inFlight.delete(key);
      });
    this.#inFlight.set(key, started);
    return started;
  }

  /** Keys with work in flight right now. */
  get size(): number {
    return this.#inFlight.size;
  }
}
