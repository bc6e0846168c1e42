// The Replicate edit models in the built-in catalogue: which edit each serves, their limits
// and prices, so edit requests are checked and priced before Replicate is called.
//
// What was checked against each model's published input schema (its Replicate API page, as
// quoted by clients of it) and what was not:
// - black-forest-labs/flux-kontext-pro: `prompt`, `input_image` (a URI or data URL),
//   `aspect_ratio` with 'match_input_image', `seed`, `output_format` ('jpg' | 'png') checked.
//   Largest input not published: the 4096-side cap is our own bound.
// - black-forest-labs/flux-fill-pro: `image`, `mask` (black keeps, white is inpainted), `prompt`,
//   `seed`, `steps` (15–50), `outpaint` (presets only: 'Zoom out 1.5x', 'Make square', …) and
//   `output_format` checked. The preset outpaint is not used: pixel sides are padded here and
//   sent as an inpaint. Largest input not published: the 4096-side cap is ours.
// - nightmareai/real-esrgan at version 42fed1c4…: `image`, `scale` (a number, default 4),
//   `face_enhance` checked. The model's GPU memory limit on input size is not published: the
//   cap below keeps a 4× result within 4096 × 4096 and is ours.
// - 851-labs/background-remover at version a029dff3…: `image`, `format` ('png'),
//   `background_type` ('rgba'), `threshold`, `reverse` checked; size limits not published.
// - black-forest-labs/flux-dev (variation, in registry.ts): `image` and `prompt_strength`
//   (1.0 ignores the input entirely) checked; whether an empty `prompt` is accepted is not.
// Replicate's input-files guidance (data URLs only under 1 MB, uploads up to 100 MB) checked.
// Not checked: whether these models honour EXIF orientation (images are sent upright anyway).
// Prices are Replicate's public per-image rates (late 2025) for the FLUX models; Real-ESRGAN
// and the background remover bill GPU time, so theirs are rough per-run estimates.
import type { ModelCatalogEntry } from '../../types';

/** Replicate's edit-only models, listed after the generation models. */
export const replicateEditModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'replicate/flux-kontext-pro',
    provider: 'replicate',
    providerModelId: 'black-forest-labs/flux-kontext-pro',
    label: 'FLUX.1 Kontext [pro]',
    description:
      'Black Forest Labs FLUX.1 Kontext pro on Replicate: edits a whole image from an instruction.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: false,
      sizing: 'aspect-ratio',
      imageInput: true,
      operations: ['edit'],
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      maxN: 4,
      maxPromptLength: 2000,
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.04,
  },
  {
    id: 'replicate/flux-fill-pro',
    provider: 'replicate',
    providerModelId: 'black-forest-labs/flux-fill-pro',
    label: 'FLUX.1 Fill [pro]',
    description:
      'Black Forest Labs FLUX.1 Fill pro on Replicate: redraws a masked area, or extends the sides.',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: false,
      sizing: 'dimensions',
      imageInput: true,
      operations: ['inpaint', 'outpaint'],
    },
    limits: {
      minWidth: 256,
      maxWidth: 2048,
      minHeight: 256,
      maxHeight: 2048,
      maxN: 4,
      maxPromptLength: 2000,
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.05,
  },
  {
    id: 'replicate/real-esrgan',
    provider: 'replicate',
    providerModelId:
      'nightmareai/real-esrgan:42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b',
    label: 'Real-ESRGAN upscaler',
    description: 'Real-ESRGAN on Replicate: enlarges an image 2× or 4×, without face redrawing.',
    capabilities: {
      negativePrompt: false,
      seed: false,
      steps: false,
      sizing: 'dimensions',
      imageInput: true,
      operations: ['upscale'],
    },
    limits: {
      minWidth: 64,
      maxWidth: 4096,
      minHeight: 64,
      maxHeight: 4096,
      maxN: 1,
      maxPromptLength: 2000,
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 1024, height: 1024 },
    // A few seconds of a T4 per run.
    costPerImageUsd: 0.002,
  },
  {
    id: 'replicate/background-remover',
    provider: 'replicate',
    providerModelId:
      '851-labs/background-remover:a029dff38972b5fda4ec5d75d7d1cd25aeff621d2cf4946a41055d7db66b80bc',
    label: 'Background remover',
    description: 'A background remover on Replicate: keeps the subject on a transparent PNG.',
    capabilities: {
      negativePrompt: false,
      seed: false,
      steps: false,
      sizing: 'dimensions',
      imageInput: true,
      operations: ['remove-background'],
    },
    limits: {
      minWidth: 64,
      maxWidth: 4096,
      minHeight: 64,
      maxHeight: 4096,
      maxN: 1,
      maxPromptLength: 2000,
      maxEditSide: 4096,
      maxEditPixels: 16_777_216,
    },
    defaults: { width: 1024, height: 1024 },
    // About a second of GPU per run.
    costPerImageUsd: 0.001,
  },
];
