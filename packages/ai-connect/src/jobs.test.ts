// Resumable jobs through the keyless local model: a job started on one clock is resumed by
// another process after its simulated duration, with the bytes generateImages would give.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateImages } from './generate';
import {
  cancelImageJob,
  resumeImageJob,
  startImageJob,
  statusImageJob,
  supportsImageJobs,
} from './jobs';
import { createLocalProvider } from './providers/local/index';
import { CanceledError, InvalidRequestError } from './spec/errors';
import type { ImageProvider } from './spec/image-model';

afterEach(() => {
  vi.useRealTimers();
});

const request = { prompt: 'a paper crane', width: 96, height: 64, n: 5, seed: 3 };
const base64 = (images: Array<{ bytes: Uint8Array }>) =>
  images.map((image) => Buffer.from(image.bytes).toString('base64'));

/** A local provider whose clock the test moves. */
function clocked(delayMs: number, start = 1_000_000) {
  const clock = { now: start };
  const local = createLocalProvider({ delayMs, now: () => clock.now });
  return { clock, providers: { local } };
}

describe('local jobs', () => {
  it('start at once, report progress, and resume elsewhere with the same bytes', async () => {
    const a = clocked(10_000);
    const job = await startImageJob(request, { providers: a.providers });
    expect(job.model).toBe('local/placeholder');
    // n = 5 over calls of at most 4 images, seeds following on.
    expect(job.ref).toMatchObject({
      calls: [
        { n: 4, seed: 3, ref: { n: 4, seed: 3, startedAt: 1_000_000 } },
        { n: 1, seed: 7, ref: { n: 1, seed: 7, startedAt: 1_000_000 } },
      ],
      width: 96,
      height: 64,
    });

    a.clock.now += 2_500;
    expect(await statusImageJob(job, { providers: a.providers })).toEqual({
      status: 'running',
      model: 'local/placeholder',
      progress: { stage: 'processing', percent: 25 },
    });

    // Another process, whose clock says the job's time is up: nothing is left to wait.
    const b = clocked(10_000, 1_000_000 + 10_000);
    expect((await statusImageJob(job, { providers: b.providers })).status).toBe('succeeded');
    const previews: Array<[number, number]> = [];
    const result = await resumeImageJob(JSON.parse(JSON.stringify(job)), {
      providers: b.providers,
      request,
      onPartialImage: (p) => previews.push([p.index, p.partialIndex]),
    });
    // Two previews per image, numbered across both calls of the job.
    expect(previews).toEqual(
      [0, 1, 2, 3, 4].flatMap((i) => [
        [i, 0],
        [i, 1],
      ]),
    );
    const direct = await generateImages(request, { providers: { local: createLocalProvider() } });
    expect(base64(result.images)).toEqual(base64(direct.images));
    expect(result.images.map((image) => image.seed)).toEqual([3, 4, 5, 6, 7]);
    expect(result.usage).toMatchObject({ provider: 'local', images: 5, costUsd: 0 });
  });

  it('waits out what is left of the delay, and an abort stops only the waiting', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { clock, providers } = clocked(4_000);
    const job = await startImageJob({ ...request, n: 1 }, { providers });
    clock.now += 1_000;

    const controller = new AbortController();
    const first = resumeImageJob(job, { providers, signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    expect(await first).toBeInstanceOf(CanceledError);

    const percents: number[] = [];
    let settled = false;
    const second = resumeImageJob(job, {
      providers,
      onProgress: (p) => percents.push(p.percent ?? -1),
    }).finally(() => {
      settled = true;
    });
    // 3 s were left when it resumed (the test clock did not move): not done after 2.9 s.
    await vi.advanceTimersByTimeAsync(2_900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    const result = await second;
    expect(result.images).toHaveLength(1);
    expect(percents.at(-1)).toBe(100);
    expect(percents).toEqual([...percents].sort((x, y) => x - y));
  });

  it('cancels a job with nothing upstream, and refuses references it could not have made', async () => {
    const { providers } = clocked(0);
    const job = await startImageJob({ ...request, n: 1 }, { providers });
    await expect(cancelImageJob(job, { providers })).resolves.toBeUndefined();
    const huge = {
      model: 'local/placeholder',
      ref: {
        calls: [{ n: 1, ref: { prompt: 'x', n: 1, width: 100_000, height: 8, startedAt: 0 } }],
        width: 8,
        height: 8,
      },
    };
    await expect(resumeImageJob(huge, { providers })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      resumeImageJob({ model: 'local/placeholder', ref: { calls: [] } }, { providers }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      resumeImageJob({ model: 'nobody/nothing', ref: job.ref }, { providers }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('tells which models can run as jobs', async () => {
    const plain: ImageProvider = {
      name: 'local',
      imageModel: (modelId) => {
        const inner = createLocalProvider().imageModel(modelId);
        return {
          specificationVersion: 'v1',
          provider: 'local',
          modelId,
          maxImagesPerCall: 4,
          doGenerate: (call) => inner.doGenerate(call),
        };
      },
    };
    const { providers } = clocked(0);
    expect(supportsImageJobs({}, { providers })).toBe(true);
    expect(supportsImageJobs({ model: 'local/placeholder' }, { providers: { local: plain } })).toBe(
      false,
    );
    expect(supportsImageJobs({ model: 'nobody/nothing' }, { providers })).toBe(false);
    await expect(
      startImageJob({ prompt: 'x', n: 1 }, { providers: { local: plain } }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
