// Local edits against bare sharp: an upscale ×2 through the local model's doEdit and through
// editImages (validation, sniffing, usage) against a bare sharp resize of the same image to the
// same size and encoder settings, in the same run; and a background removal (flood fill from
// the border) against a bare decode + encode of the same image.
import { createRequire } from 'node:module';
import { editImages } from '../../packages/ai-connect/src/edit';
import { createLocalProvider } from '../../packages/ai-connect/src/providers/local/index';
import { type BenchRow, compare, medianMs } from '../lib/report';
import { writeResults } from '../lib/write-node';

// sharp is a dependency of ai-connect, not of the repo root, so load it from there.
type Pipeline = {
  composite(layers: Array<{ input: Buffer; left: number; top: number }>): Pipeline;
  rotate(): Pipeline;
  ensureAlpha(): Pipeline;
  resize(width: number, height: number, options: { kernel: string; fit: string }): Pipeline;
  raw(): Pipeline;
  png(options?: { compressionLevel: number; adaptiveFiltering: boolean }): Pipeline;
  toBuffer(): Promise<Buffer>;
};
type SharpLike = (
  input?: Buffer | { create: { width: number; height: number; channels: 3; background: string } },
  options?: { raw: { width: number; height: number; channels: 4 } },
) => Pipeline;
const sharp = createRequire(new URL('../../packages/ai-connect/package.json', import.meta.url))(
  'sharp',
) as SharpLike;

const encoder = { compressionLevel: 3, adaptiveFiltering: false };
const model = createLocalProvider().imageModel('placeholder');
const providers = { local: createLocalProvider() };
const perSecond = (ms: number) => 1000 / ms;

/** A white square with a dark subject in the middle: a uniform border to remove. */
async function input(size: number): Promise<Uint8Array> {
  const subject = await sharp({
    create: { width: size / 2, height: size / 2, channels: 3, background: '#203060' },
  })
    .png()
    .toBuffer();
  const png = await sharp({
    create: { width: size, height: size, channels: 3, background: '#ffffff' },
  })
    .composite([{ input: subject, left: size / 4, top: size / 4 }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

const rows: BenchRow[] = [];
for (const size of [256, 512]) {
  const runs = size === 256 ? 30 : 12;
  const bytes = await input(size);
  const image = { bytes, mediaType: 'image/png', width: size, height: size };
  const edit = model.doEdit?.bind(model);
  if (!edit) throw new Error('the local model has no doEdit');

  const bareResizeMs = await medianMs(
    () =>
      sharp(Buffer.from(bytes))
        .rotate()
        .ensureAlpha()
        .resize(size * 2, size * 2, { kernel: 'lanczos3', fit: 'fill' })
        .png(encoder)
        .toBuffer(),
    runs,
    3,
  );
  const upscaleMs = await medianMs(
    () => edit({ operation: 'upscale', image, scale: 2, n: 1 }),
    runs,
    3,
  );
  const viaEditMs = await medianMs(
    () => editImages({ operation: 'upscale', image: bytes, scale: 2 }, { providers }),
    runs,
    3,
  );
  const bareResize = { name: `bare sharp resize ×2 ${size}²`, value: perSecond(bareResizeMs) };
  const upscale = compare(
    `local upscale ×2 ${size}²`,
    perSecond(upscaleMs),
    'images/s',
    bareResize,
  );
  upscale.note = `${upscaleMs.toFixed(1)} ms per image (median of ${runs})`;
  const viaEdit = compare(`editImages(upscale ×2) ${size}²`, perSecond(viaEditMs), 'images/s', {
    name: `local upscale ×2 ${size}²`,
    value: perSecond(upscaleMs),
  });
  viaEdit.note = `${viaEditMs.toFixed(1)} ms per image (median of ${runs})`;

  const bareRoundTripMs = await medianMs(
    async () => {
      const raw = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer();
      return sharp(raw, { raw: { width: size, height: size, channels: 4 } })
        .png(encoder)
        .toBuffer();
    },
    runs,
    3,
  );
  const removeMs = await medianMs(
    () => edit({ operation: 'remove-background', image, n: 1 }),
    runs,
    3,
  );
  const remove = compare(`local remove-background ${size}²`, perSecond(removeMs), 'images/s', {
    name: `bare sharp decode + PNG encode ${size}²`,
    value: perSecond(bareRoundTripMs),
  });
  remove.note = `${removeMs.toFixed(1)} ms per image (median of ${runs})`;
  rows.push(upscale, viaEdit, remove);
}

writeResults('local-edit', rows);
for (const row of rows) {
  console.log(
    `${row.name}: ${row.value.toFixed(1)} ${row.unit} (${row.baseline?.name} ${row.baseline?.value.toFixed(1)}; ratio ${row.ratio?.toFixed(2)}) ${row.note ?? ''}`,
  );
}
