// Public entry of @medialoft/ai-connect.

export * from './sniff-image';
export * from './spec/index';
export type * from './types';
