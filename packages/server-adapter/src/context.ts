// The Hono environment every route and middleware of the server shares.
import type { RequestIdVariables } from 'hono/request-id';

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by the auth middleware: the hook's user id, undefined when anonymous. */
    userId: string | undefined;
  };
}
