// The model catalogue: what each model accepts (capabilities, limits, defaults) and what it
// roughly costs, so requests are validated and priced before any provider is called.
import { bflModelCatalog } from './providers/bfl/bfl-catalog';
import { deepInfraModelCatalog } from './providers/deepinfra/deepinfra-catalog';
import { falModelCatalog } from './providers/fal/fal-catalog';
import { googleModelCatalog } from './providers/google/google-catalog';
import { replicateEditModelCatalog } from './providers/replicate/replicate-edit-catalog';
import { FLUX_ASPECT_RATIOS } from './providers/replicate/replicate-input';
import { togetherModelCatalog } from './providers/together/together-catalog';
import { InvalidRequestError } from './spec/errors';
import type {
  CostEstimate,
  GenerateImagesRequest,
  ModelCatalogEntry,
  ModelRegistry,
} from './types';

/** The ratios FLUX accepts are a Replicate model fact, kept with the Replicate adapter. */
const fluxAspectRatios = [...FLUX_ASPECT_RATIOS];

/**
 * The built-in catalogue. Order is preference: {@link ModelRegistry.defaultModel} picks the
 * first entry whose provider is live, hosted models before the local placeholder.
 *
 * Prices are estimates in USD per image at the default settings, taken from the providers'
 * public pages (late 2025). Replicate bills SDXL by GPU time, so more steps or pixels cost more;
 * FLUX and GPT Image are billed per output image.
 */
export const defaultModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'replicate/sdxl',
    provider: 'replicate',
    providerModelId:
      'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc',
    label: 'Stable Diffusion XL',
    description: 'Stability AI SDXL on Replicate: exact sizes, negative prompt, seed and steps.',
    capabilities: {
      negativePrompt: true,
      seed: true,
      steps: true,
      sizing: 'dimensions',
      imageInput: false,
    },
    // The schema does not bound width/height; SDXL degrades badly outside roughly 0.25–2.4 MP.
    limits: {
      minWidth: 256,
      maxWidth: 1536,
      minHeight: 256,
      maxHeight: 1536,
      sizeMultiple: 8,
      minSteps: 1,
      maxSteps: 500,
      maxN: 8,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 50 },
    // ~5 s of an L40S at $0.000975/s for 1024² and 50 steps.
    costPerImageUsd: 0.0048,
  },
  {
    id: 'replicate/flux-schnell',
    provider: 'replicate',
    providerModelId: 'black-forest-labs/flux-schnell',
    label: 'FLUX.1 [schnell]',
    description: 'Black Forest Labs FLUX.1 schnell on Replicate: fast, about 1 megapixel.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: true,
      sizing: 'aspect-ratio',
      aspectRatios: fluxAspectRatios,
      imageInput: false,
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      minSteps: 1,
      maxSteps: 4,
      maxN: 8,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 4 },
    costPerImageUsd: 0.003,
  },
  {
    id: 'replicate/flux-dev',
    provider: 'replicate',
    providerModelId: 'black-forest-labs/flux-dev',
    label: 'FLUX.1 [dev]',
    description: 'Black Forest Labs FLUX.1 dev on Replicate: higher quality, about 1 megapixel.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: true,
      sizing: 'aspect-ratio',
      aspectRatios: fluxAspectRatios,
      imageInput: false,
      // Variation: image-to-image with `image` and `prompt_strength` (replicate-edit.ts).
      operations: ['generate', 'variation'],
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      minSteps: 1,
      maxSteps: 50,
      maxN: 8,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 28 },
    costPerImageUsd: 0.025,
  },
  {
    id: 'openai/gpt-image-1',
    provider: 'openai',
    providerModelId: 'gpt-image-1',
    label: 'GPT Image 1',
    description: 'OpenAI GPT Image 1: three fixed sizes, strong prompt following.',
    capabilities: {
      negativePrompt: false,
      seed: false,
      steps: false,
      sizing: 'dimensions',
      sizes: ['1024x1024', '1536x1024', '1024x1536'],
      imageInput: false,
      // images/edits with an optional mask; OpenAI picks the output size from the input.
      operations: ['generate', 'edit', 'inpaint'],
    },
    limits: {
      minWidth: 1024,
      maxWidth: 1536,
      minHeight: 1024,
      maxHeight: 1536,
      maxN: 10,
      maxPromptLength: 32000,
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 1024, height: 1024 },
    // Medium quality at 1024²; the two larger sizes cost about $0.063.
    costPerImageUsd: 0.042,
  },
  ...replicateEditModelCatalog,
  ...falModelCatalog,
  ...googleModelCatalog,
  ...bflModelCatalog,
  ...togetherModelCatalog,
  ...deepInfraModelCatalog,
  {
    id: 'local/placeholder',
    provider: 'local',
    providerModelId: 'placeholder',
    label: 'Local placeholder (not AI)',
    description:
      'A keyless local placeholder: draws a pattern and the prompt, for development and demos.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: false,
      sizing: 'dimensions',
      imageInput: false,
      operations: [
        'generate',
        'edit',
        'inpaint',
        'outpaint',
        'variation',
        'upscale',
        'remove-background',
      ],
    },
    limits: {
      minWidth: 64,
      maxWidth: 2048,
      minHeight: 64,
      maxHeight: 2048,
      maxN: 8,
      maxPromptLength: 2000,
      // Edits with sharp: the server transform route's caps.
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 512, height: 512 },
    costPerImageUsd: 0,
    placeholder: true,
  },
];

/** Whether a model makes images from a prompt (entries that list no operations do). */
function canGenerate(entry: ModelCatalogEntry): boolean {
  const operations = entry.capabilities.operations;
  return operations === undefined || operations.includes('generate');
}

/**
 * Makes a registry over `entries` (default: {@link defaultModelCatalog}). Entry order is the
 * preference order used by `defaultModel`, which goes by the provider names it is given: pass
 * `liveProviderNames(providers)`, not every name, so a provider without its key is never the
 * default.
 *
 * @example
 * const registry = createModelRegistry();
 * registry.defaultModel(['local']).id; // 'local/placeholder'
 * registry.estimateCost({ prompt: 'a fox', model: 'replicate/flux-schnell', n: 4 }).estimatedUsd; // 0.012
 */
export function createModelRegistry(
  entries: ModelCatalogEntry[] = defaultModelCatalog,
): ModelRegistry {
  const byId = new Map<string, ModelCatalogEntry>();
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new Error(`Duplicate model id in the catalogue: ${entry.id}`);
    byId.set(entry.id, entry);
  }
  const ordered = [...entries];

  const defaultModel = (liveProviders?: Iterable<string>): ModelCatalogEntry => {
    const live = liveProviders === undefined ? undefined : new Set(liveProviders);
    // An edit-only model (an upscaler, a background remover) is never the default for a prompt.
    const generators = ordered.filter(canGenerate);
    const candidates = live ? generators.filter((e) => live.has(e.provider)) : generators;
    const chosen =
      candidates.find((e) => !e.placeholder) ??
      candidates[0] ??
      generators.find((e) => e.placeholder) ??
      generators[0];
    if (!chosen) throw new Error('The model catalogue is empty.');
    return chosen;
  };

  return {
    list: () => [...ordered],
    get: (id) => byId.get(id),
    defaultModel,
    estimateCost(request: GenerateImagesRequest): CostEstimate {
      const entry = request.model === undefined ? defaultModel() : byId.get(request.model);
      if (!entry) {
        throw new InvalidRequestError(`Unknown model "${request.model}".`, { field: 'model' });
      }
      const images = request.n ?? 1;
      const estimatedUsd =
        entry.costPerImageUsd === undefined ? undefined : roundUsd(entry.costPerImageUsd * images);
      return { model: entry.id, images, estimatedUsd };
    },
  };
}

/** Rounds to a millionth of a dollar so 3 × 0.0048 prints as 0.0144, not 0.014400000000000001. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** The registry over the built-in catalogue. */
export const defaultRegistry: ModelRegistry = createModelRegistry();
