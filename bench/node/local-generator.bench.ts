// Local generator throughput: placeholder images per second at 512² and 1024², against a bare
// sharp PNG encode of the same size in the same run, plus the cost of going through generateImages.
import { createRequire } from 'node:module';
import { generateImages } from '../../packages/ai-connect/src/generate';
import { createLocalProvider } from '../../packages/ai-connect/src/providers/local/index';
import { type BenchRow, compare, medianMs } from '../lib/report';
import { writeResults } from '../lib/write-node';

// sharp is a dependency of ai-connect, not of the repo root, so load it from there.
type SharpLike = (options: {
  create: { width: number; height: number; channels: 3; background: string };
}) => {
  png(options: { compressionLevel: number; adaptiveFiltering: boolean }): {
    toBuffer(): Promise<Buffer>;
  };
};
const sharp = createRequire(new URL('../../packages/ai-connect/package.json', import.meta.url))(
  'sharp',
) as SharpLike;

const model = createLocalProvider().imageModel('placeholder');
const providers = { local: createLocalProvider() };
const prompt = 'A lighthouse on a rocky coast at dusk, dramatic clouds, oil painting, warm light';
const perSecond = (ms: number) => 1000 / ms;

const rows: BenchRow[] = [];
for (const size of [512, 1024]) {
  const runs = size === 512 ? 40 : 15;
  let seed = 0;
  // The same encoder settings as the local generator, with nothing drawn: the floor for a PNG.
  const bareMs = await medianMs(
    () =>
      sharp({ create: { width: size, height: size, channels: 3, background: '#336699' } })
        .png({ compressionLevel: 3, adaptiveFiltering: false })
        .toBuffer(),
    runs,
    3,
  );
  const localMs = await medianMs(
    () => model.doGenerate({ prompt, n: 1, size: { width: size, height: size }, seed: seed++ }),
    runs,
    3,
  );
  const generateMs = await medianMs(
    () =>
      generateImages(
        { prompt, model: 'local/placeholder', width: size, height: size, seed: seed++ },
        { providers },
      ),
    runs,
    3,
  );
  const bare = { name: `bare sharp PNG ${size}²`, value: perSecond(bareMs) };
  const local = compare(`local generator ${size}²`, perSecond(localMs), 'images/s', bare);
  local.note = `${localMs.toFixed(1)} ms per image (median of ${runs})`;
  const viaGenerate = compare(
    `generateImages(local/placeholder) ${size}²`,
    perSecond(generateMs),
    'images/s',
    { name: `local generator ${size}²`, value: perSecond(localMs) },
  );
  viaGenerate.note = `${generateMs.toFixed(1)} ms per image (median of ${runs})`;
  rows.push(local, viaGenerate);
}

writeResults('local-generator', rows);
for (const row of rows) {
  console.log(
    `${row.name}: ${row.value.toFixed(1)} ${row.unit} (${row.baseline?.name} ${row.baseline?.value.toFixed(1)}; ratio ${row.ratio?.toFixed(2)}) ${row.note ?? ''}`,
  );
}
