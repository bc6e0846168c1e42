// The preset's formatting helpers are the neutral ones every preset shares (core/format.ts).
export { assetLabel, formatBytes, formatDate, formatDimensions, formatUsd } from '../core/format';
