// The details of kinds other than images, each over a real library holding one file made in
// the browser: a video that plays, a sound under its waveform, a PDF page by page, a text file.
import { Box } from '@mantine/core';
import { type MediaLibrary, useAssets } from '@medialoft/media-library';
import { AssetDetailsPanel } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { pdfOfPages } from '../../packages/media-library/src/core/import/test-pdf';
import { createStoryLibrary } from '../story-library';
import { type StoryData, WithLibrary } from '../story-providers';

const meta = {
  title: 'Preset/Details by kind',
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** A loader for a library holding just `file()`. */
function holding(file: () => Promise<File> | File) {
  return [
    async (): Promise<StoryData> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      await library.importFiles([await file()]);
      return { library };
    },
  ];
}

/** One second of a 440 Hz tone fading out, as 16-bit mono PCM WAV. */
function toneWav(): File {
  const rate = 8000;
  const view = new DataView(new ArrayBuffer(44 + rate * 2));
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + rate * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, rate * 2, true);
  for (let i = 0; i < rate; i++) {
    const level = 14000 * (1 - i / rate);
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * level), true);
  }
  return new File([view.buffer], 'tuning-fork.wav', { type: 'audio/wav' });
}

/** About a second of a moving square, recorded from a canvas as WebM. */
async function squareWebm(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const stream = canvas.captureStream(15);
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => {
    recorder.onstop = resolve;
  });
  recorder.start();
  for (let frame = 0; frame < 15; frame++) {
    context.fillStyle = '#1d3557';
    context.fillRect(0, 0, 160, 90);
    context.fillStyle = '#f1c453';
    context.fillRect(10 + frame * 8, 30, 30, 30);
    await new Promise((resolve) => setTimeout(resolve, 66));
  }
  recorder.stop();
  await stopped;
  return new File(chunks, 'moving-square.webm', { type: 'video/webm' });
}

const notes = [
  '# Shoot list',
  '',
  '- Harbour at dawn, <b>wide</b>',
  '- Market stalls, close-ups',
  '',
  'Bring the 35 mm lens.',
  '',
].join('\n');

function Details() {
  return (
    <Box w={360} h="100vh" style={{ borderRight: '1px solid var(--mantine-color-default-border)' }}>
      <FirstAssetDetails />
    </Box>
  );
}

function FirstAssetDetails() {
  const id = useAssets({ limit: 1 }).items[0]?.id;
  return id ? <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} /> : null;
}

/** A video plays in place over its poster frame; no alt text, no Copy image. */
export const DetailsOfVideo: Story = {
  loaders: holding(squareWebm),
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(canvasElement.querySelector('video[controls]')).not.toBeNull(), {
      timeout: 10_000,
    });
    await expect(canvas.queryByRole('button', { name: 'Copy image' })).toBeNull();
    await expect(canvas.queryByRole('textbox', { name: /Alt text/ })).toBeNull();
  },
};

/** A sound plays under its waveform. */
export const DetailsOfAudio: Story = {
  loaders: holding(toneWav),
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(canvasElement.querySelector('audio[controls]')).not.toBeNull(), {
      timeout: 10_000,
    });
    await expect(canvas.queryByRole('button', { name: 'Copy image' })).toBeNull();
  },
};

/** A PDF page by page: Next page draws page 2. */
export const DetailsOfPdf: Story = {
  loaders: holding(
    () =>
      new File(
        [
          pdfOfPages([
            '0.11 0.21 0.34 rg 72 600 468 120 re f 0.6 0.6 0.6 rg 72 200 468 300 re f',
            '0.95 0.77 0.33 rg 72 72 468 648 re f',
          ]),
        ],
        'contact-sheet.pdf',
        { type: 'application/pdf' },
      ),
  ),
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await expect(
      await canvas.findByRole('img', { name: 'Page 1 of 2' }, { timeout: 20_000 }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await expect(
      await canvas.findByRole('img', { name: 'Page 2 of 2' }, { timeout: 20_000 }),
    ).toBeVisible();
  },
};

/** A Markdown file as its plain text, markup and all. */
export const DetailsOfText: Story = {
  loaders: holding(() => new File([notes], 'shoot-list.md', { type: 'text/markdown' })),
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas }) => {
    const text = await canvas.findByRole('region', { name: /^Text of/ }, { timeout: 10_000 });
    await expect(text.textContent).toBe(notes);
  },
};
