// Public entry of @medialoft/ai-connect.
export * from './spec/index';
export type * from './types';
