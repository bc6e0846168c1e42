// The Together AI models in the built-in catalogue: FLUX on Together's image endpoint, with what
// Together accepts and charges, so requests are checked and priced before Together is called.
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';

/** What Together's FLUX endpoints take: exact sizes, a seed and a step count. */
export const togetherCapabilities = (): ModelCapabilities => ({
  negativePrompt: false,
  seed: true,
  steps: true,
  sizing: 'dimensions',
  imageInput: false,
});

/** Together's limits for FLUX; `maxSteps` differs per model. */
export const togetherLimits = (maxSteps = 50): ModelLimits => ({
  // Sizes up to 1440 px a side in multiples of 16, which FLUX needs (unverified against
  // Together's own bounds, which its API reference does not state per model).
  minWidth: 256,
  maxWidth: 1440,
  minHeight: 256,
  maxHeight: 1440,
  sizeMultiple: 16,
  minSteps: 1,
  maxSteps,
  // One image per call through the AI SDK model, so n is that many calls.
  maxN: 4,
  maxPromptLength: 2000,
});

/**
 * FLUX.1 [schnell] and [dev] on Together AI (`together/*`). Prices are Together's published
 * rates per megapixel as read in 2025 ($0.0027 schnell, $0.025 dev), so the figure is one image
 * up to 1024 × 1024; unverified since.
 */
export const togetherModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'together/flux-schnell',
    provider: 'together',
    providerModelId: 'black-forest-labs/FLUX.1-schnell',
    label: 'FLUX.1 [schnell] (Together)',
    description: 'Black Forest Labs FLUX.1 schnell on Together AI: fast, exact sizes, 1–12 steps.',
    capabilities: togetherCapabilities(),
    limits: togetherLimits(12),
    defaults: { width: 1024, height: 1024, steps: 4 },
    costPerImageUsd: 0.0027,
  },
  {
    id: 'together/flux-dev',
    provider: 'together',
    providerModelId: 'black-forest-labs/FLUX.1-dev',
    label: 'FLUX.1 [dev] (Together)',
    description:
      'Black Forest Labs FLUX.1 dev on Together AI: higher quality, exact sizes, 1–50 steps.',
    capabilities: togetherCapabilities(),
    limits: togetherLimits(50),
    defaults: { width: 1024, height: 1024, steps: 28 },
    costPerImageUsd: 0.025,
  },
];
