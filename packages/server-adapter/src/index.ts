// Public entry of @medialoft/server-adapter: the Hono app factory, its options, the Node
// configuration from the environment, and the wire protocol's schemas and types.

export { createImageServer } from './app';
export type { AppEnv } from './context';
export {
  errorResponse,
  fromAIConnectError,
  HttpError,
  type HttpErrorOptions,
} from './errors';
export { createJsonLogger, createRedactor, REDACTED, type ServerLogger } from './log';
export type { RateLimitOptions, RedisClientLike } from './middleware/rate-limit';
export {
  type AuthorizeHook,
  type ConcurrencyOptions,
  defaultLimits,
  type ImageServerOptions,
  isLoopbackOrigin,
  type ServerLimits,
  type ServerUsageReport,
} from './options';
export * from './protocol';
export { type OutputFormat, type TransformResult, transformImage } from './routes/transform';
export {
  createServerFromEnv,
  type ServerFromEnv,
  type ServerFromEnvOptions,
} from './server-from-env';
export type { ResolvedAddress, UrlFetchLookup, UrlFetchOptions } from './url-fetch';
