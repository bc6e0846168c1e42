// OpenAI's image edits behind ImageModelV1.doEdit: one multipart `POST /images/edits` with the
// image, the optional mask (transparent where to change), prompt, model and n, answered with
// base64 images like generations. `edit` and `inpaint` only; gpt-image-1 and dall-e-2.
import sharp from 'sharp';
import { sniffImageType } from '../../sniff-image';
import {
  AuthenticationError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
} from '../../spec/errors';
import type {
  GeneratedImageData,
  ImageEditCallOptions,
  ImageInput,
  ImageModelResult,
  ImageModelWarning,
} from '../../spec/image-model';
import {
  abortError,
  isAbortError,
  isConnectFailure,
  keepAsked,
  scrubSecrets,
} from '../provider-utils';
import { mapOpenAIError } from './openai-error';
import { costFromUsage, type OpenAIModelConfig } from './openai-image-model';

const provider = 'openai';

interface EditsResponse {
  data?: Array<{ b64_json?: string; revised_prompt?: string }>;
  usage?: Parameters<typeof costFromUsage>[1];
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/**
 * Runs one edit call against OpenAI's `POST /images/edits`. The mask goes as its own file;
 * OpenAI applies it to the (first) image, whose transparent pixels mark the area to change.
 * `size` is `auto` for GPT Image (OpenAI picks 1024², 1536×1024 or 1024×1536 from the input);
 * dall-e-2 also gets `response_format: b64_json`, since this server keeps no URLs.
 *
 * @throws InvalidRequestError for an operation OpenAI has no endpoint for (field `operation`)
 * or an input type it does not take (field `image`), before any request.
 */
export async function editWithOpenAI(
  modelId: string,
  config: OpenAIModelConfig,
  call: ImageEditCallOptions,
): Promise<ImageModelResult> {
  const signal = call.abortSignal;
  const startedAt = config.now();
  if (signal?.aborted) throw abortError(signal, provider);
  if (call.operation !== 'edit' && call.operation !== 'inpaint') {
    throw new InvalidRequestError(
      `OpenAI edits images with a prompt (edit, inpaint); it has no ${call.operation}. Choose another model.`,
      { field: 'operation', provider, ownMessage: true },
    );
  }
  const ext = EXTENSIONS[call.image.mediaType];
  if (!ext) {
    throw new InvalidRequestError('OpenAI edits PNG, JPEG and WebP images; convert it first.', {
      field: 'image',
      provider,
      ownMessage: true,
    });
  }
  const apiKey = config.apiKey();
  if (!apiKey) {
    throw new AuthenticationError(
      'No OpenAI API key: set OPENAI_API_KEY (or pass apiKey to createOpenAIImages).',
      { provider },
    );
  }

  const warnings: ImageModelWarning[] = [];
  for (const [setting, value] of [
    ['negativePrompt', call.negativePrompt],
    ['seed', call.seed],
    ['strength', call.strength],
  ] as const) {
    if (value !== undefined && value !== '') {
      warnings.push({
        type: 'unsupported-setting',
        setting,
        details: `OpenAI image edits do not take ${setting}; it was ignored.`,
      });
    }
  }
  const form = new FormData();
  form.set('model', modelId);
  form.set('prompt', call.prompt ?? '');
  form.set('n', String(call.n));
  form.set('image', fileOf(call.image, `image.${ext}`));
  if (call.mask) form.set('mask', fileOf(call.mask, 'mask.png'));
  if (modelId.startsWith('dall-e')) form.set('response_format', 'b64_json');
  else form.set('size', 'auto');
  for (const [key, value] of Object.entries(call.providerOptions?.openai ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') form.set(key, String(value));
  }

  // No content-type: fetch writes the multipart boundary itself.
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (config.organization) headers['openai-organization'] = config.organization;
  if (config.project) headers['openai-project'] = config.project;

  call.onProgress?.({ stage: 'processing' });
  let response: Response;
  let text: string;
  try {
    response = await config.fetch(`${config.baseUrl}/images/edits`, {
      method: 'POST',
      headers,
      body: form,
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted || isAbortError(error, signal)) throw abortError(signal, provider);
    throw new ProviderError(
      `Could not reach OpenAI (${scrubSecrets(error instanceof Error ? error.message : String(error), apiKey)}).`,
      { provider, retryable: isConnectFailure(error) },
    );
  }
  if (!response.ok) throw mapOpenAIError(response.status, response.headers, text, apiKey);

  let parsed: EditsResponse;
  try {
    parsed = JSON.parse(text) as EditsResponse;
  } catch {
    throw new ProviderError('OpenAI answered with something that is not JSON.', { provider });
  }
  const kept = keepAsked(parsed.data ?? [], call.n, 'OpenAI', 'kept', warnings);
  const images: GeneratedImageData[] = [];
  for (const item of kept) {
    if (!item.b64_json) {
      throw new ProviderError('OpenAI returned an image without b64_json data.', { provider });
    }
    const bytes = new Uint8Array(Buffer.from(item.b64_json, 'base64'));
    const mediaType = sniffImageType(bytes);
    if (!mediaType) {
      throw new OutputNotImageError('OpenAI returned data that is not an image.', { provider });
    }
    // OpenAI chooses the output size, so it is read from the image's header.
    const { width, height } = await sharp(bytes)
      .metadata()
      .catch(() => ({ width: undefined, height: undefined }));
    images.push({ bytes, mediaType, ...(width && height ? { width, height } : {}) });
  }
  if (images.length === 0) throw new ProviderError('OpenAI returned no image.', { provider });
  call.onProgress?.({ stage: 'done', percent: 100 });
  const costUsd = costFromUsage(modelId, parsed.usage);
  return {
    images,
    warnings,
    response: { timestamp: new Date(startedAt), modelId },
    timings: { totalMs: Math.max(0, config.now() - startedAt) },
    ...(costUsd !== undefined ? { costUsd } : {}),
    providerMetadata: { ...(parsed.usage ? { usage: parsed.usage } : {}) },
  };
}

function fileOf(input: ImageInput, name: string): File {
  return new File([new Uint8Array(input.bytes)], name, { type: input.mediaType });
}
