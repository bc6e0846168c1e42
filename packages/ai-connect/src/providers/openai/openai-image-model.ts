// One OpenAI Images model behind the ImageModelV1 interface: a single `POST /images/generations`
// that returns the images as base64, streamed with previews when the caller shows them.
import { sniffImageType } from '../../sniff-image';
import {
  AuthenticationError,
  ContentFilteredError,
  OutputNotImageError,
  ProviderError,
} from '../../spec/errors';
import {
  type GeneratedImageData,
  IMAGE_MODEL_SPEC_VERSION,
  type ImageModelCallOptions,
  type ImageModelResult,
  type ImageModelV1,
  type ImageModelWarning,
} from '../../spec/image-model';
import {
  abortError,
  isAbortError,
  isConnectFailure,
  keepAsked,
  scrubSecrets,
} from '../provider-utils';
import { mapOpenAIError } from './openai-error';
import { openAIModelSpec, pickOpenAISize } from './openai-image-settings';
import {
  partialImageCount,
  readOpenAIImageStream,
  type StreamedImages,
  streamsPartialImages,
} from './openai-image-stream';

const provider = 'openai';

/** USD per token for gpt-image-1 (text in, image in, image out), per OpenAI's price list. */
const GPT_IMAGE_1_PRICES = { textIn: 5e-6, imageIn: 10e-6, imageOut: 40e-6 };

export interface OpenAIModelConfig {
  apiKey: () => string | undefined;
  baseUrl: string;
  fetch: typeof fetch;
  organization: string | undefined;
  project: string | undefined;
  now: () => number;
}

interface ImagesResponse {
  created?: number;
  data?: Array<{ b64_json?: string; url?: string; revised_prompt?: string }>;
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    input_tokens_details?: { text_tokens?: number; image_tokens?: number };
  };
}

export class OpenAIImageModel implements ImageModelV1 {
  readonly specificationVersion = IMAGE_MODEL_SPEC_VERSION;
  readonly provider = provider;
  readonly maxImagesPerCall: number;

  constructor(
    readonly modelId: string,
    private readonly config: OpenAIModelConfig,
  ) {
    this.maxImagesPerCall = openAIModelSpec(modelId).maxImagesPerCall;
  }

  async doGenerate(call: ImageModelCallOptions): Promise<ImageModelResult> {
    const { config } = this;
    const signal = call.abortSignal;
    const startedAt = config.now();
    if (signal?.aborted) throw abortError(signal, provider);
    const apiKey = config.apiKey();
    if (!apiKey) {
      throw new AuthenticationError(
        'No OpenAI API key: set OPENAI_API_KEY (or pass apiKey to createOpenAIImages).',
        { provider },
      );
    }

    const spec = openAIModelSpec(this.modelId);
    const warnings: ImageModelWarning[] = [];
    const size = pickOpenAISize(spec, call, warnings);
    for (const [setting, value] of [
      ['negativePrompt', call.negativePrompt],
      ['seed', call.seed],
      ['steps', call.steps],
    ] as const) {
      if (value !== undefined && value !== '') {
        warnings.push({
          type: 'unsupported-setting',
          setting,
          details: `OpenAI image models do not take ${setting}; it was ignored.`,
        });
      }
    }
    const body: Record<string, unknown> = {
      model: this.modelId,
      prompt: call.prompt,
      n: call.n,
      size,
      ...(spec.needsResponseFormat ? { response_format: 'b64_json' } : {}),
      ...call.providerOptions?.openai,
    };
    // Previews only when someone shows them: streaming sends each as a large base64 event.
    const streaming =
      call.onPartialImage !== undefined && streamsPartialImages(this.modelId, call.n);
    if (streaming) {
      body.stream = true;
      body.partial_images = partialImageCount(call.providerOptions?.openai);
    }

    const headers: Record<string, string> = {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
    };
    if (config.organization) headers['openai-organization'] = config.organization;
    if (config.project) headers['openai-project'] = config.project;

    call.onProgress?.({ stage: 'processing' });
    let response: Response;
    let text = '';
    let streamed: StreamedImages | undefined;
    try {
      response = await config.fetch(`${config.baseUrl}/images/generations`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
      });
      const eventStream = response.headers.get('content-type')?.includes('text/event-stream');
      if (streaming && response.ok && eventStream && response.body) {
        streamed = await readOpenAIImageStream(response.body, call.onPartialImage, signal);
      } else {
        text = await response.text();
      }
    } catch (error) {
      if (signal?.aborted || isAbortError(error, signal)) throw abortError(signal, provider);
      // Only a connection that never opened is surely unbilled.
      throw new ProviderError(
        `Could not reach OpenAI (${scrubSecrets(error instanceof Error ? error.message : String(error), apiKey)}).`,
        { provider, retryable: isConnectFailure(error) },
      );
    }
    if (!response.ok) throw mapOpenAIError(response.status, response.headers, text, apiKey);

    let parsed: ImagesResponse;
    if (streamed) {
      parsed = fromStream(streamed, response.headers, apiKey);
    } else {
      try {
        parsed = JSON.parse(text) as ImagesResponse;
      } catch {
        throw new ProviderError('OpenAI answered with something that is not JSON.', { provider });
      }
    }
    // Only the images asked for are decoded: a surplus would cost memory for nothing.
    const kept = keepAsked(parsed.data ?? [], call.n, 'OpenAI', 'kept', warnings);
    const images = kept.map((item): GeneratedImageData => {
      if (!item.b64_json) {
        throw new ProviderError('OpenAI returned an image without b64_json data.', { provider });
      }
      const bytes = new Uint8Array(Buffer.from(item.b64_json, 'base64'));
      const mediaType = sniffImageType(bytes);
      if (!mediaType) {
        throw new OutputNotImageError('OpenAI returned data that is not an image.', { provider });
      }
      return { bytes, mediaType };
    });
    if (images.length === 0) {
      throw new ProviderError('OpenAI returned no image.', { provider });
    }
    call.onProgress?.({ stage: 'done', percent: 100 });

    const costUsd = costFromUsage(this.modelId, parsed.usage);
    const revisedPrompts = kept
      .map((item) => item.revised_prompt)
      .filter((p): p is string => typeof p === 'string');
    return {
      images,
      warnings,
      response: { timestamp: new Date(startedAt), modelId: this.modelId },
      timings: { totalMs: Math.max(0, config.now() - startedAt) },
      ...(costUsd !== undefined ? { costUsd } : {}),
      providerMetadata: {
        size,
        ...(parsed.usage ? { usage: parsed.usage } : {}),
        ...(revisedPrompts.length > 0 ? { revisedPrompts } : {}),
      },
    };
  }
}

/**
 * A finished image stream as a non-streamed answer. A stream that ended without its image
 * may still have been billed, so neither failure here is marked retryable.
 */
function fromStream(streamed: StreamedImages, headers: Headers, apiKey: string): ImagesResponse {
  if (streamed.data.length > 0) {
    return { data: streamed.data, ...(streamed.usage ? { usage: streamed.usage } : {}) };
  }
  if (streamed.errorText) {
    const mapped = mapOpenAIError(200, headers, streamed.errorText, apiKey);
    if (mapped instanceof ContentFilteredError) throw mapped;
    const said = (JSON.parse(streamed.errorText) as { error: { message?: unknown } }).error.message;
    const detail = typeof said === 'string' ? `: ${scrubSecrets(said, apiKey).slice(0, 200)}` : '';
    throw new ProviderError(`OpenAI stopped the image stream with an error${detail}`, {
      provider,
      retryable: false,
    });
  }
  throw new ProviderError(
    'OpenAI ended the image stream before the final image arrived; try again.',
    { provider, retryable: false },
  );
}

/** Estimated USD from reported token usage (gpt-image-1 only); undefined otherwise. */
export function costFromUsage(modelId: string, usage: ImagesResponse['usage']): number | undefined {
  if (!usage || modelId !== 'gpt-image-1') return undefined;
  const input = usage.input_tokens ?? 0;
  const imageIn = usage.input_tokens_details?.image_tokens ?? 0;
  const textIn = usage.input_tokens_details?.text_tokens ?? input - imageIn;
  const out = usage.output_tokens ?? 0;
  const p = GPT_IMAGE_1_PRICES;
  return textIn * p.textIn + imageIn * p.imageIn + out * p.imageOut;
}
