// Builds a `replicate` SDK client for exactly one API operation, closing the SDK's gaps:
// its own retry loop (which ignores Retry-After and would repeat a create after a network
// fault) is reduced to one real request, and headers the SDK cannot send are added.
import Replicate from 'replicate';

/** What a failed exchange looked like, kept because the SDK folds it into a message. */
export interface FailedExchange {
  status: number;
  headers: Headers;
  body: string;
}

export interface OneShotClient {
  client: Replicate;
  /** The non-2xx response of the one real request, if it failed that way. */
  readonly failure: FailedExchange | undefined;
  /** Requests that really left the process (always ≤ 1). */
  readonly networkCalls: number;
}

export interface OneShotClientConfig {
  apiToken: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** Headers the SDK has no option for (e.g. `Cancel-After` on create). */
  extraHeaders?: Record<string, string>;
}

/**
 * A fresh SDK client whose fetch makes one real request and replays its outcome to any retry
 * the SDK attempts (`withAutomaticRetries` retries 429 and, for GET, 5xx up to five times
 * without honouring Retry-After, and it swallows network errors, so a POST that failed after
 * reaching Replicate would be sent again and billed twice). Retries are ours to decide.
 */
export function oneShotClient(config: OneShotClientConfig): OneShotClient {
  let replay: (() => Promise<Response>) | undefined;
  let failure: FailedExchange | undefined;
  let networkCalls = 0;

  const guardedFetch = async (input: Request | string | URL, init?: RequestInit) => {
    if (replay) return replay();
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(config.extraHeaders ?? {})) {
      headers.set(name, value);
    }
    networkCalls++;
    let response: Response;
    try {
      response = await config.fetch(input, { ...init, headers });
    } catch (error) {
      replay = () => Promise.reject(error);
      throw error;
    }
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    const exchange = { status: response.status, headers: response.headers, body };
    failure = exchange;
    const copy = () =>
      new Response(body, {
        status: exchange.status,
        statusText: response.statusText,
        headers: exchange.headers,
      });
    replay = async () => copy();
    return copy();
  };

  const client = new Replicate({
    auth: config.apiToken,
    baseUrl: config.baseUrl,
    fetch: guardedFetch as (input: Request | string, init?: RequestInit) => Promise<Response>,
    useFileOutput: false,
    userAgent: 'medialoft-ai-connect',
  });
  return {
    client,
    get failure() {
      return failure;
    },
    get networkCalls() {
      return networkCalls;
    },
  };
}
