/**
 * One signal that ends a request when either `timeoutMs` passes or the caller aborts, and remembers
 * which it was: a timeout is the server's fault, an abort is Herald shutting down.
 */
export interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

export function startDeadline(timeoutMs: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  // AbortSignal.any would keep a listener on a long-lived shutdown signal per request; this one is removed.
  const onAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
