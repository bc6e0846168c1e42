// One generation's stop switch: the total timeout and the caller's signal both abort it, and
// it decides which error a stopped run surfaces (timeout or cancel wins over what a call threw).
import { AIConnectError, CanceledError, ProviderError, TimeoutError } from './spec/errors';

/**
 * The run's one AbortController: the total timeout and the caller's signal both abort it,
 * and every provider call gets its signal, so stopping reaches the upstream work.
 */
export class RunControl {
  private readonly controller = new AbortController();
  private reason: 'timeout' | 'canceled' | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort = () => this.stop('canceled');
  private readonly deadline: number;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    started: number,
    readonly now: () => number,
  ) {
    this.deadline = started + timeoutMs;
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  remainingMs(): number {
    return this.deadline - this.now();
  }

  throwIfStopped(): void {
    if (this.reason) throw this.stopError();
  }

  /** The error to surface for `error`: timeout or cancel win over whatever the call threw. */
  explain(error: unknown, provider: string): AIConnectError {
    if (this.reason) return this.stopError(provider, error);
    if (error instanceof AIConnectError) return error;
    // Unknown errors may carry request details; keep them as the cause, not in the message.
    const kind = error instanceof Error ? error.name : typeof error;
    return new ProviderError(`The ${provider} provider failed unexpectedly (${kind}).`, {
      provider,
      cause: error,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private stop(reason: 'timeout' | 'canceled'): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(this.stopError());
  }

  private stopError(provider?: string, cause?: unknown): AIConnectError {
    const options = { provider, cause };
    return this.reason === 'timeout'
      ? new TimeoutError(
          `The generation did not finish within ${this.timeoutMs / 1000} s and was stopped; try fewer images or a faster model.`,
          options,
        )
      : new CanceledError(undefined, options);
  }
}

/** Settles as `promise` does, or rejects as soon as `signal` aborts, whichever comes first. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The default sleep seam: waits `ms`, or rejects with the signal's reason on abort. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
