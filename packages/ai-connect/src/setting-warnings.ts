// Warnings for settings the chosen model does not take. They never fail a request: a FLUX
// request with a negative prompt still makes images, and says the prompt was ignored.
import type { ImageModelWarning } from './spec/image-model';
import type { GenerateImagesRequest, ModelCatalogEntry } from './types';
import type { ResolvedImageRequest } from './validate';

/** Warnings for the settings in `request` that `entry` ignores or approximates. */
export function settingWarnings(
  request: GenerateImagesRequest,
  entry: ModelCatalogEntry,
  resolved: ResolvedImageRequest,
): ImageModelWarning[] {
  const { capabilities: caps, label } = entry;
  const warnings: ImageModelWarning[] = [];
  const ignored = (setting: string, details: string) =>
    warnings.push({ type: 'unsupported-setting', setting, details });
  if (request.negativePrompt?.trim() && !caps.negativePrompt) {
    ignored('negativePrompt', `${label} does not take a negative prompt; it was ignored.`);
  }
  if (request.seed !== undefined && !caps.seed) {
    ignored('seed', `${label} does not take a seed, so its images cannot be reproduced.`);
  }
  if (request.steps !== undefined && !caps.steps) {
    ignored('steps', `${label} does not take a step count; it was ignored.`);
  }
  if (
    resolved.aspectRatio &&
    request.width !== undefined &&
    request.height !== undefined &&
    !sameRatio(resolved.aspectRatio, request.width, request.height)
  ) {
    ignored(
      'size',
      `${label} takes an aspect ratio, not a size: ${request.width}x${request.height} was sent as ${resolved.aspectRatio}.`,
    );
  }
  return warnings;
}

function sameRatio(ratio: string, width: number, height: number): boolean {
  const [w = 1, h = 1] = ratio.split(':').map(Number);
  return Math.abs(Math.log(w / h) - Math.log(width / height)) < 0.01;
}

/** Drops repeated warnings: the same setting once, the same message once. */
export function dedupeWarnings(warnings: ImageModelWarning[]): ImageModelWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = w.type === 'unsupported-setting' ? `setting:${w.setting}` : `other:${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
