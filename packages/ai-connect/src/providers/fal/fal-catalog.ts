// The fal models in the built-in catalogue: what fal's FLUX endpoints accept and what fal
// charges for them, so requests are checked and priced before fal is called.
import type { ModelCatalogEntry } from '../../types';

/**
 * fal FLUX.1 [schnell] and [dev]. fal takes exact sizes (`image_size: { width, height }`),
 * a seed and `num_inference_steps`, and returns up to 4 images per request.
 *
 * Prices are fal's published rates (late 2025) in USD per megapixel of output, rounded up to
 * whole megapixels, so the figure is the price of one image up to 1024 × 1024.
 */
export const falModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'fal/flux-schnell',
    provider: 'fal',
    providerModelId: 'fal-ai/flux/schnell',
    label: 'FLUX.1 [schnell] (fal)',
    description: 'Black Forest Labs FLUX.1 schnell on fal: fast, exact sizes, 1–12 steps.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: true,
      sizing: 'dimensions',
      imageInput: false,
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      minSteps: 1,
      maxSteps: 12,
      maxN: 4,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 4 },
    // $0.003 per megapixel.
    costPerImageUsd: 0.003,
  },
  {
    id: 'fal/flux-dev',
    provider: 'fal',
    providerModelId: 'fal-ai/flux/dev',
    label: 'FLUX.1 [dev] (fal)',
    description: 'Black Forest Labs FLUX.1 dev on fal: higher quality, exact sizes, 1–50 steps.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: true,
      sizing: 'dimensions',
      imageInput: false,
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      minSteps: 1,
      maxSteps: 50,
      maxN: 4,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 28 },
    // $0.025 per megapixel.
    costPerImageUsd: 0.025,
  },
];
