// The Google Imagen models in the built-in catalogue: what the Gemini API's Imagen endpoint
// accepts and what Google charges for it, so requests are checked and priced before Google is called.
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';

/** The ratios Imagen takes (`parameters.aspectRatio`); each one is a fixed output size. */
export const IMAGEN_ASPECT_RATIOS: readonly string[] = ['1:1', '3:4', '4:3', '9:16', '16:9'];

/** What Imagen takes on the Gemini API; a fresh object each time, so entries share no lists. */
export const imagenCapabilities = (): ModelCapabilities => ({
  negativePrompt: false,
  // The Gemini API's Imagen endpoint has no seed (only Vertex AI's does).
  seed: false,
  steps: false,
  sizing: 'aspect-ratio',
  aspectRatios: [...IMAGEN_ASPECT_RATIOS],
  imageInput: false,
});

/** Imagen's request limits; a fresh object each time. */
export const imagenLimits = (): ModelLimits => ({
  // Width and height only pick the closest ratio; Imagen then draws its own size for it
  // (1024 × 1024, 896 × 1280, 1280 × 896, 768 × 1408, 1408 × 768).
  minWidth: 256,
  maxWidth: 2048,
  minHeight: 256,
  maxHeight: 2048,
  // Imagen makes 1–4 images per call (`sampleCount`); more are asked for in further calls.
  maxN: 8,
  // 480 tokens, about 1,900 characters of English.
  maxPromptLength: 1900,
});

/**
 * Imagen 4 Fast, Standard and Ultra on the Gemini API (`imagen-4.0-*-001`).
 *
 * Prices are USD per output image from the Gemini API pricing page (ai.google.dev, "Imagen 4":
 * Fast $0.02, Standard $0.04, Ultra $0.06 per image) as read in 2025; unverified since.
 */
export const googleModelCatalog: ModelCatalogEntry[] = [
  {
    id: 'google/imagen-4-fast',
    provider: 'google',
    providerModelId: 'imagen-4.0-fast-generate-001',
    label: 'Imagen 4 Fast',
    description: 'Google Imagen 4 Fast: quick drafts, five aspect ratios.',
    capabilities: imagenCapabilities(),
    limits: imagenLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.02,
  },
  {
    id: 'google/imagen-4',
    provider: 'google',
    providerModelId: 'imagen-4.0-generate-001',
    label: 'Imagen 4',
    description: 'Google Imagen 4: photorealism and legible text, five aspect ratios.',
    capabilities: imagenCapabilities(),
    limits: imagenLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.04,
  },
  {
    id: 'google/imagen-4-ultra',
    provider: 'google',
    providerModelId: 'imagen-4.0-ultra-generate-001',
    label: 'Imagen 4 Ultra',
    description: 'Google Imagen 4 Ultra: the most faithful to the prompt, five aspect ratios.',
    capabilities: imagenCapabilities(),
    limits: imagenLimits(),
    defaults: { width: 1024, height: 1024 },
    costPerImageUsd: 0.06,
  },
];
