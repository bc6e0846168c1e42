// The Black Forest Labs models in the built-in catalogue: what BFL's own API accepts for each
// FLUX endpoint and what BFL charges, so requests are checked and priced before BFL is called.
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';

/**
 * Ratios offered for the FLUX endpoints that take `aspect_ratio` (Ultra, Kontext). BFL accepts
 * any ratio from 21:9 to 9:21; these are the usual ones.
 */
export const BFL_ASPECT_RATIOS: readonly string[] = [
  '21:9',
  '16:9',
  '3:2',
  '4:3',
  '1:1',
  '3:4',
  '2:3',
  '9:16',
  '9:21',
];

const byRatio = (): ModelCapabilities => ({
  negativePrompt: false,
  seed: true,
  steps: false,
  sizing: 'aspect-ratio',
  aspectRatios: [...BFL_ASPECT_RATIOS],
  imageInput: false,
});

const bySize = (steps: boolean): ModelCapabilities => ({
  negativePrompt: false,
  seed: true,
  steps,
  sizing: 'dimensions',
  imageInput: false,
});

// BFL makes one image per task, so n is that many tasks. Its API documents no prompt length
// limit; 2,000 characters keeps requests to what FLUX reads well.
const ratioLimits = (): ModelLimits => ({
  minWidth: 256,
  maxWidth: 2048,
  minHeight: 256,
  maxHeight: 2048,
  maxN: 4,
  maxPromptLength: 2000,
});

// `width` and `height`: 256–1440 px in multiples of 32.
const sizeLimits = (steps?: { min: number; max: number }): ModelLimits => ({
  minWidth: 256,
  maxWidth: 1440,
  minHeight: 256,
  maxHeight: 1440,
  sizeMultiple: 32,
  ...(steps ? { minSteps: steps.min, maxSteps: steps.max } : {}),
  maxN: 4,
  maxPromptLength: 2000,
});

/**
 * FLUX on Black Forest Labs' API (`bfl/*`). Prices are USD per image from bfl.ai's pricing page
 * as read in 2025 (FLUX1.1 [pro] $0.04, FLUX1.1 [pro] Ultra $0.06, FLUX.1 Kontext [pro] $0.04,
 * FLUX.1 [dev] $0.025); unverified since.
 */
export const bflModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'bfl/flux-pro-1.1',
    provider: 'bfl',
    providerModelId: 'flux-pro-1.1',
    label: 'FLUX1.1 [pro] (BFL)',
    description: 'Black Forest Labs FLUX1.1 pro: exact sizes up to 1440 px, a seed.',
    capabilities: bySize(false),
    limits: sizeLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.04,
  },
  {
    id: 'bfl/flux-pro-1.1-ultra',
    provider: 'bfl',
    providerModelId: 'flux-pro-1.1-ultra',
    label: 'FLUX1.1 [pro] Ultra (BFL)',
    description: 'Black Forest Labs FLUX1.1 pro Ultra: about 4 megapixels, 21:9 to 9:21.',
    capabilities: byRatio(),
    limits: ratioLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.06,
  },
  {
    id: 'bfl/flux-kontext-pro',
    provider: 'bfl',
    providerModelId: 'flux-kontext-pro',
    label: 'FLUX.1 Kontext [pro] (BFL)',
    description:
      'Black Forest Labs FLUX.1 Kontext pro from a prompt: about 1 megapixel, 21:9 to 9:21.',
    capabilities: byRatio(),
    limits: ratioLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.04,
  },
  {
    id: 'bfl/flux-dev',
    provider: 'bfl',
    providerModelId: 'flux-dev',
    label: 'FLUX.1 [dev] (BFL)',
    description: 'Black Forest Labs FLUX.1 dev: exact sizes up to 1440 px, 1–50 steps, a seed.',
    capabilities: bySize(true),
    limits: sizeLimits({ min: 1, max: 50 }),
    defaults: { width: 1024, height: 1024, steps: 28 },
    costPerImageUsd: 0.025,
  },
];

/** Capabilities and limits for a BFL model id outside the catalogue. */
export function bflDefaults(modelId: string): {
  capabilities: ModelCapabilities;
  limits: ModelLimits;
} {
  // BFL's `ultra` and `kontext` endpoints take a ratio; the others width and height.
  return /ultra|kontext/.test(modelId)
    ? { capabilities: byRatio(), limits: ratioLimits() }
    : { capabilities: bySize(false), limits: sizeLimits() };
}
