// The page's side of the scale bench's driver: each of the driver's tools is a function the
// Node side (bench/lib/scale-app-run.ts) exposes on the page as `scaleBench_<name>`.
import { runScaleBench, type ScaleBenchOptions, type ScaleDriver } from '../lib/scale-run';

type Exposed = Record<string, (...args: unknown[]) => Promise<unknown>>;
const exposed = globalThis as unknown as Exposed;

const call = <K extends keyof ScaleDriver>(name: K): ScaleDriver[K] =>
  ((...args: unknown[]) => {
    const tool = exposed[`scaleBench_${name}`];
    if (!tool) throw new Error(`the bench's driver exposes no ${name}`);
    return tool(...args);
  }) as ScaleDriver[K];

const driver: ScaleDriver = {
  key: call('key'),
  startProfile: call('startProfile'),
  stopProfile: call('stopProfile'),
  heapSnapshot: call('heapSnapshot'),
  startCpuWatch: call('startCpuWatch'),
  stopCpuWatch: call('stopCpuWatch'),
  writeResults: call('writeResults'),
};

/** Runs the bench in this page and tells the Node side how it ended. */
export function runInPage(options: Omit<ScaleBenchOptions, 'driver'>): void {
  runScaleBench({ ...options, driver }).then(
    () => exposed.scaleBench_finish?.(),
    (error: unknown) =>
      exposed.scaleBench_finish?.(error instanceof Error ? (error.stack ?? error.message) : error),
  );
}
