// An asset's read-only facts in words, the same for every preset: the file, how an AI asset was
// made, what the host app filed on it, and the request that makes an AI image again.

import type { MediaAIGenerateRequest } from '../core/ai-types';
import { formatBytes, formatDate, formatDimensions, formatUsd } from '../core/format';
import type { AssetSource, MediaAsset } from '../core/types';

/** One labelled fact, ready to show: `{ label: 'Size', value: '1.2 MB' }`. */
export interface AssetFact {
  label: string;
  value: string;
}

/** How an AI asset was made, in words. */
export interface AssetProvenance {
  /** The prompt, whole, for a block of its own (and a copy button). */
  prompt: string;
  /** Provider, model, negative prompt, size, steps, seed, cost, time and request id, if known. */
  facts: AssetFact[];
}

type Row = [label: string, value: string | number | undefined];

/** Rows with a value, as facts; an empty string or a missing value leaves its row out. */
function facts(rows: Row[]): AssetFact[] {
  return rows.flatMap(([label, value]) =>
    value === undefined || value === '' ? [] : [{ label, value: String(value) }],
  );
}

const seconds = (value: number | undefined) =>
  value === undefined ? undefined : `${value.toFixed(1)} s`;

/**
 * Where an asset came from, in words: "Uploaded", "From https://…", "Edited in the browser
 * (crop)", "AI upscale", "AI generated".
 *
 * @example
 * describeAssetSource({ type: 'upload' }); // "Uploaded"
 */
export function describeAssetSource(source: AssetSource): string {
  if (source.type === 'upload') return 'Uploaded';
  if (source.type === 'url') return `From ${source.url}`;
  if (source.type === 'edit') return `Edited in the browser (${source.operation})`;
  return source.operation && source.operation !== 'generate'
    ? `AI ${source.operation}`
    : 'AI generated';
}

/**
 * The stored facts of a file: name, kind, type, size, dimensions, duration, pages, source,
 * dates, usage and SHA-256; facts the asset lacks are left out.
 *
 * @example
 * assetFileFacts(asset).map((f) => `${f.label}: ${f.value}`); // ["Name: fox.png", …]
 */
export function assetFileFacts(asset: MediaAsset): AssetFact[] {
  return facts([
    ['Name', asset.name],
    ['Kind', asset.kind],
    ['Type', asset.mimeType],
    ['Size', formatBytes(asset.size)],
    ['Dimensions', formatDimensions(asset)],
    ['Duration', seconds(asset.duration)],
    ['Pages', asset.pageCount],
    ['Source', describeAssetSource(asset.source)],
    ['Added', formatDate(asset.createdAt)],
    ['Edited', formatDate(asset.updatedAt)],
    ['Downloads', asset.usage.downloads],
    ['Uses', asset.usage.uses + asset.usage.shares],
    ['SHA-256', asset.sha256],
  ]);
}

/**
 * How an AI asset was made, or `undefined` for any other source.
 *
 * @example
 * assetProvenance(asset)?.facts.find((f) => f.label === 'Seed')?.value; // "42"
 */
export function assetProvenance(asset: Pick<MediaAsset, 'source'>): AssetProvenance | undefined {
  const source = asset.source;
  if (source.type !== 'ai') return undefined;
  return {
    prompt: source.prompt,
    facts: facts([
      ['Provider', source.provider],
      ['Model', source.model],
      ['Negative prompt', source.negativePrompt],
      ['Size', formatDimensions(source)],
      ['Steps', source.steps],
      ['Seed', source.seed],
      ['Cost', source.costUsd === undefined ? undefined : formatUsd(source.costUsd)],
      ['Time', seconds(source.generationMs === undefined ? undefined : source.generationMs / 1000)],
      ['Request id', source.requestId],
    ]),
  };
}

// A long meta value would push a panel out of shape; the whole record stays on the asset.
const MAX_META_TEXT = 200;

function metaText(value: unknown): string {
  const text = typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
  return text.length > MAX_META_TEXT ? `${text.slice(0, MAX_META_TEXT - 1)}…` : text;
}

/**
 * What the host app filed on the asset, read only: its `sourceModule` as "Module", then each
 * top-level `meta` key with its value (JSON for anything but a non-empty string, cut at 200
 * characters). Empty when the host filed nothing.
 *
 * @example
 * assetHostData(asset); // [{ label: 'Module', value: 'story-writer' }, { label: 'scene', value: '3' }]
 */
export function assetHostData(asset: Pick<MediaAsset, 'sourceModule' | 'meta'>): AssetFact[] {
  // A meta key named "Module" is shown apart from the module row, so the labels stay unique.
  const entries = Object.entries(asset.meta ?? {}).map(
    ([key, value]): Row => [key === 'Module' ? 'meta.Module' : key, metaText(value)],
  );
  const module: Row[] = asset.sourceModule === undefined ? [] : [['Module', asset.sourceModule]];
  // A meta value always has words (an empty string reads ""), so none is left out.
  return [...facts(module), ...entries.map(([label, value]) => ({ label, value: String(value) }))];
}

/**
 * The request that generates an AI image again with its settings ("use again"), or
 * `undefined` for any other source. Sizes missing from the record fall back to the image's own,
 * then 1024.
 *
 * @example
 * const request = reuseRequestOf(asset);
 * if (request) openGenerate(request);
 */
export function reuseRequestOf(asset: MediaAsset): MediaAIGenerateRequest | undefined {
  const source = asset.source;
  if (source.type !== 'ai') return undefined;
  return {
    prompt: source.prompt,
    negativePrompt: source.negativePrompt,
    model: source.model,
    width: source.width ?? asset.width ?? 1024,
    height: source.height ?? asset.height ?? 1024,
    steps: source.steps,
    seed: source.seed,
  };
}
