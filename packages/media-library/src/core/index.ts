// The headless core: no React. Everything here works in any browser script.
export type * from './ai-types';
export * from './errors';
export type * from './types';
