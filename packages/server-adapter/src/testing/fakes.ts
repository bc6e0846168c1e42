// Test doubles shared by the server tests: a scriptable ImageProvider, a registry that knows
// it, a Replicate-protocol fake for msw, and a real redis-server on a free loopback port.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CanceledError,
  createLocalProvider,
  createModelRegistry,
  defaultModelCatalog,
  type ImageModelCallOptions,
  type ImageModelResult,
  type ImageProvider,
  type ModelCatalogEntry,
} from '@medialoft/ai-connect';
import { HttpResponse, http } from 'msw';
import sharp from 'sharp';

let pngCache: Uint8Array | undefined;

/** A small real PNG (32×24). */
export async function tinyPng(): Promise<Uint8Array> {
  pngCache ??= new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer(),
  );
  return pngCache;
}

export const fakeEntry: ModelCatalogEntry = {
  id: 'fake/model',
  provider: 'fake',
  providerModelId: 'model',
  label: 'Fake model',
  capabilities: {
    negativePrompt: true,
    seed: true,
    steps: true,
    sizing: 'dimensions',
    imageInput: false,
  },
  limits: {
    minWidth: 16,
    maxWidth: 2048,
    minHeight: 16,
    maxHeight: 2048,
    minSteps: 1,
    maxSteps: 50,
    maxN: 8,
    maxPromptLength: 2000,
  },
  defaults: { width: 32, height: 24, steps: 20 },
  costPerImageUsd: 0.01,
};

/** The built-in catalogue plus `fake/model` (first, so it is the default when live). */
export const fakeRegistry = () => createModelRegistry([fakeEntry, ...defaultModelCatalog]);

export interface FakeProviderState {
  calls: ImageModelCallOptions[];
  /** Calls whose abort signal fired while they ran. */
  aborted: number;
}

export interface FakeProviderOptions {
  /** Time each call takes; it emits progress along the way. Default 0. */
  delayMs?: number;
  /** Throw this instead of returning images (a function: decide per call). */
  fail?: unknown | ((call: ImageModelCallOptions) => unknown);
  /** Bytes to return instead of a PNG. */
  bytes?: Uint8Array;
}

/**
 * A provider named `fake` whose one model returns tiny PNGs after `delayMs`, reporting
 * progress, honouring the abort signal, and recording every call.
 */
export function createFakeProvider(
  options: FakeProviderOptions = {},
): ImageProvider & { state: FakeProviderState } {
  const state: FakeProviderState = { calls: [], aborted: 0 };
  return {
    name: 'fake',
    state,
    imageModel(modelId: string) {
      return {
        specificationVersion: 'v1' as const,
        provider: 'fake',
        modelId,
        maxImagesPerCall: 4,
        async doGenerate(call: ImageModelCallOptions): Promise<ImageModelResult> {
          state.calls.push(call);
          const steps = 4;
          for (let i = 1; i <= steps && options.delayMs; i++) {
            await new Promise<void>((resolve, reject) => {
              const signal = call.abortSignal;
              if (signal?.aborted) {
                state.aborted++;
                reject(signal.reason ?? new CanceledError());
                return;
              }
              const timer = setTimeout(() => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
              }, options.delayMs! / steps);
              const onAbort = () => {
                clearTimeout(timer);
                state.aborted++;
                reject(signal?.reason ?? new CanceledError());
              };
              signal?.addEventListener('abort', onAbort, { once: true });
            });
            call.onProgress?.({ stage: 'processing', percent: (i / steps) * 100 });
          }
          const failure = typeof options.fail === 'function' ? options.fail(call) : options.fail;
          if (failure) throw failure;
          const bytes = options.bytes ?? (await tinyPng());
          return {
            images: Array.from({ length: call.n }, () => ({
              bytes,
              mediaType: 'image/png',
              width: 32,
              height: 24,
            })),
            warnings: [],
            response: { timestamp: new Date(), modelId, id: `fake-${state.calls.length}` },
            seed: call.seed ?? 7,
          };
        },
      };
    },
  };
}

/** Providers for most tests: the fake plus the keyless local generator. */
export function fakeProviders(options: FakeProviderOptions = {}) {
  const fake = createFakeProvider(options);
  return { fake, providers: { fake, local: createLocalProvider() } };
}

/** A fake of Replicate's HTTP API for msw: create, poll, cancel, and output download. */
export function replicateFake(options: {
  api?: string;
  outputHost?: string;
  /** Polls answered "processing" before success; Infinity never finishes. Default 1. */
  pollsBeforeSuccess?: number;
}) {
  const api = options.api ?? 'https://api.replicate.com/v1';
  const out = `https://${options.outputHost ?? 'replicate.delivery'}/pbxt/fake`;
  const state = { creates: 0, polls: 0, cancels: 0, authHeaders: [] as string[] };
  const prediction = (status: string, extra: Record<string, unknown> = {}) => ({
    id: 'pred_fake',
    model: 'stability-ai/sdxl',
    version: 'v',
    input: {},
    logs: '',
    output: null,
    error: null,
    status,
    created_at: new Date().toISOString(),
    urls: { get: `${api}/predictions/pred_fake`, cancel: `${api}/predictions/pred_fake/cancel` },
    ...extra,
  });
  const handlers = [
    http.post(`${api}/predictions`, ({ request }) => {
      state.creates++;
      state.authHeaders.push(request.headers.get('authorization') ?? '');
      return HttpResponse.json(prediction('processing'), { status: 201 });
    }),
    http.post(`${api}/models/:owner/:name/predictions`, ({ request }) => {
      state.creates++;
      state.authHeaders.push(request.headers.get('authorization') ?? '');
      return HttpResponse.json(prediction('processing'), { status: 201 });
    }),
    http.get(`${api}/predictions/pred_fake`, () => {
      state.polls++;
      if (state.cancels > 0) return HttpResponse.json(prediction('canceled'));
      if (state.polls > (options.pollsBeforeSuccess ?? 1)) {
        return HttpResponse.json(
          prediction('succeeded', {
            output: [`${out}/out-0.png`],
            logs: 'Using seed: 4242\n100%|██████████| 20/20',
            metrics: { predict_time: 0.5 },
          }),
        );
      }
      return HttpResponse.json(
        prediction('processing', { logs: ` ${Math.min(90, state.polls * 10)}%|█ | 1/10` }),
      );
    }),
    http.post(`${api}/predictions/pred_fake/cancel`, () => {
      state.cancels++;
      return HttpResponse.json(prediction('canceled'));
    }),
    http.get(`${out}/:file`, async () => {
      const png = await tinyPng();
      return HttpResponse.arrayBuffer(png.slice().buffer, {
        headers: { 'content-type': 'image/png' },
      });
    }),
  ];
  return { handlers, state };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real `redis-server` (Debian package) on 127.0.0.1 and a free port, without
 * persistence, and resolves once it accepts commands.
 */
export async function startRedis(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_PATH ?? 'redis-server';
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
