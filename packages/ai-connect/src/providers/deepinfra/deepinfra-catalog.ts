// The DeepInfra models in the built-in catalogue: FLUX on DeepInfra's inference endpoint, with
// what DeepInfra accepts and charges, so requests are checked and priced before it is called.
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';

/** What DeepInfra's FLUX endpoints take: exact sizes, a seed and a step count. */
export const deepInfraCapabilities = (): ModelCapabilities => ({
  negativePrompt: false,
  seed: true,
  steps: true,
  sizing: 'dimensions',
  imageInput: false,
});

/** DeepInfra's limits for FLUX; `maxSteps` differs per model. */
export const deepInfraLimits = (maxSteps = 50): ModelLimits => ({
  // 128–1920 px a side in multiples of 32 on DeepInfra's FLUX pages; kept to 256–1440 where
  // FLUX is at its best.
  minWidth: 256,
  maxWidth: 1440,
  minHeight: 256,
  maxHeight: 1440,
  sizeMultiple: 32,
  minSteps: 1,
  maxSteps,
  // One image per call through the AI SDK model, so n is that many calls.
  maxN: 4,
  maxPromptLength: 2000,
});

/**
 * FLUX.1 [schnell] and [dev] on DeepInfra (`deepinfra/*`). Prices are USD per 1024 × 1024 image
 * from DeepInfra's model pages ($0.0005 schnell, $0.009 dev) as remembered from 2025:
 * unverified.
 */
export const deepInfraModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'deepinfra/flux-schnell',
    provider: 'deepinfra',
    providerModelId: 'black-forest-labs/FLUX-1-schnell',
    label: 'FLUX.1 [schnell] (DeepInfra)',
    description: 'Black Forest Labs FLUX.1 schnell on DeepInfra: fast, exact sizes, 1–12 steps.',
    capabilities: deepInfraCapabilities(),
    limits: deepInfraLimits(12),
    defaults: { width: 1024, height: 1024, steps: 4 },
    costPerImageUsd: 0.0005,
  },
  {
    id: 'deepinfra/flux-dev',
    provider: 'deepinfra',
    providerModelId: 'black-forest-labs/FLUX-1-dev',
    label: 'FLUX.1 [dev] (DeepInfra)',
    description:
      'Black Forest Labs FLUX.1 dev on DeepInfra: higher quality, exact sizes, 1–50 steps.',
    capabilities: deepInfraCapabilities(),
    limits: deepInfraLimits(50),
    defaults: { width: 1024, height: 1024, steps: 28 },
    costPerImageUsd: 0.009,
  },
];
