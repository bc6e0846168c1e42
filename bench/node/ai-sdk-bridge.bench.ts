// What serving an AI SDK image model through ai-connect costs per image: generateImages over a
// fromAISDKImageModel provider, and the bridged model alone, against calling the AI SDK model's
// doGenerate directly. The model is an in-process fake that answers at once with the same PNG
// bytes every time, so only ai-connect's own work (validation, mapping, sniffing, the output
// check, usage) is measured, with no HTTP in either path.

import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { generateImages } from '../../packages/ai-connect/src/generate';
import { fromAISDKImageModel } from '../../packages/ai-connect/src/providers/ai-sdk/index';
import { createModelRegistry } from '../../packages/ai-connect/src/registry';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-node';

// The AI SDK's types, taken from the bridge so the bench needs no AI SDK package of its own.
type ImageModelV3 = Parameters<typeof fromAISDKImageModel>[0];
type ImageModelV3CallOptions = Parameters<ImageModelV3['doGenerate']>[0];

// sharp is a dependency of ai-connect, not of the repo root, so load it from there.
type SharpLike = (
  input: Buffer,
  options: { raw: { width: number; height: number; channels: 3 } },
) => { png(): { toBuffer(): Promise<Buffer> } };
const sharp = createRequire(new URL('../../packages/ai-connect/package.json', import.meta.url))(
  'sharp',
) as SharpLike;

/** One 512² noise PNG, what every call of the fake answers with. */
const png = new Uint8Array(
  await sharp(randomBytes(512 * 512 * 3), { raw: { width: 512, height: 512, channels: 3 } })
    .png()
    .toBuffer(),
);

/** An AI SDK image model (specification v3) that answers at once, one image per call. */
const fakeModel: ImageModelV3 = {
  specificationVersion: 'v3',
  provider: 'bench.image',
  modelId: 'instant',
  maxImagesPerCall: 1,
  async doGenerate() {
    return {
      images: [png],
      warnings: [],
      response: { timestamp: new Date(), modelId: 'instant', headers: undefined },
    };
  },
};

const bridge = fromAISDKImageModel(fakeModel, {
  id: 'bench/instant',
  label: 'Instant fake',
  costPerImageUsd: 0.01,
});
const registry = createModelRegistry([bridge.entry]);
const providers = { [bridge.provider.name]: bridge.provider };
const bridged = bridge.provider.imageModel('instant');

const sdkCall: ImageModelV3CallOptions = {
  prompt: 'a lighthouse at dusk',
  n: 1,
  size: '512x512',
  aspectRatio: undefined,
  seed: 7,
  files: undefined,
  mask: undefined,
  providerOptions: {},
};

const direct = async () => fakeModel.doGenerate(sdkCall);
const viaBridge = () =>
  bridged.doGenerate({ prompt: 'a lighthouse at dusk', n: 1, size: { width: 512, height: 512 } });
const viaGenerate = () =>
  generateImages(
    { prompt: 'a lighthouse at dusk', model: 'bench/instant', width: 512, height: 512, seed: 7 },
    { providers, registry },
  );

// Same bytes on every path, or the comparison means nothing.
const [a, b, c] = [await direct(), await viaBridge(), await viaGenerate()];
const same = (bytes: Uint8Array | string | undefined) =>
  bytes instanceof Uint8Array && Buffer.from(bytes).equals(Buffer.from(png));
if (!same(a.images[0]) || !same(b.images[0]?.bytes) || !same(c.images[0]?.bytes)) {
  throw new Error('the three paths did not return the same image bytes');
}

/**
 * Milliseconds per call of each contender: `batch` calls timed together (one call of the fake
 * takes microseconds), `rounds` times after `warmup` rounds, in turn and every other round in
 * reverse order; the median round of each.
 */
async function interleaved(
  contenders: Array<() => Promise<unknown>>,
  { rounds, warmup, batch }: { rounds: number; warmup: number; batch: number },
) {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    const order = [...contenders.entries()];
    if (round % 2 === 1) order.reverse();
    for (const [i, fn] of order) {
      const started = performance.now();
      for (let k = 0; k < batch; k++) await fn();
      const perCall = (performance.now() - started) / batch;
      if (round >= warmup) times[i]?.push(perCall);
    }
  }
  return times.map((list) => percentile(list, 50));
}

const [directMs, bridgeMs, generateMs] = (await interleaved([direct, viaBridge, viaGenerate], {
  rounds: 40,
  warmup: 5,
  batch: 50,
})) as [number, number, number];

const baseline = { name: 'the AI SDK model’s doGenerate called directly', value: directMs };
const rows: BenchRow[] = [
  {
    ...compare('fromAISDKImageModel bridge, 1 image (512² PNG)', bridgeMs, 'ms', baseline),
    note: `overhead ${((bridgeMs - directMs) * 1000).toFixed(1)} µs/image: call mapping, warnings, byte view and type sniff`,
  },
  {
    ...compare('generateImages + bridge, 1 image (512² PNG)', generateMs, 'ms', baseline),
    note: `overhead ${(generateMs - directMs).toFixed(3)} ms/image: validation, retry/timeout control, the output decoded and checked as an image, usage`,
  },
];

writeResults('ai-sdk-bridge', rows);
for (const row of rows) {
  console.log(
    `${row.name}: ${row.value.toFixed(4)} ${row.unit} vs ${row.baseline?.value.toFixed(4)} (${row.baseline?.name}), ratio ${row.ratio?.toFixed(3)} — ${row.note}`,
  );
}
