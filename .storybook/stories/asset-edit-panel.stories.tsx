// The edit studio over a seeded library and a mock generator that edits: "Edit" in the
// details, an upscale ×2 shown over the original, the inpaint mask painter and the crop
// rectangle.
import { Box } from '@mantine/core';
import { useAssets } from '@medialoft/media-library';
import { AssetDetailsPanel } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor } from 'storybook/test';
import { createMockEditingGenerator } from '../story-generators';
import { libraryLoaders, WithLibrary } from '../story-providers';

const meta = {
  title: 'Preset/Edit studio',
  loaders: libraryLoaders(4, { ai: () => createMockEditingGenerator({ stepMs: 40 }) }),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

function Details() {
  const { items } = useAssets({ sourceTypes: ['upload'] });
  const id = items.find((asset) => asset.mimeType === 'image/png')?.id;
  return (
    <Box w={360} h="100vh">
      {id && <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />}
    </Box>
  );
}

/** Upscale ×2: the result lands as a new version and shows beside the original. */
export const Upscale: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent, loaded }) => {
    const before = loaded.library?.query().total ?? 0;
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Upscale' }));
    await userEvent.click(screen.getByRole('button', { name: 'Upscale' }));
    await expect(
      await screen.findByRole('region', { name: 'Before and after' }, { timeout: 10_000 }),
    ).toBeVisible();
    await waitFor(() => expect(loaded.library?.query().total).toBe(before + 1));
  },
};

/** Inpaint: paint the area with the keyboard, then describe the change. */
export const InpaintMask: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Inpaint' }));
    const painter = await screen.findByRole('application');
    painter.focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft} ');
    await expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
  },
};

/** Crop: Adjust shows the rectangle over the image; Shift and the arrows resize it. */
export const CropRectangle: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Adjust' }));
    const area = await screen.findByRole('application', { name: 'Crop area' });
    const before = screen.getByText(/^Crop \d+ × \d+ at/).textContent;
    area.focus();
    await userEvent.keyboard('{Shift>}{ArrowUp}{ArrowUp}{/Shift}');
    await waitFor(() =>
      expect(screen.getByText(/^Crop \d+ × \d+ at/).textContent).not.toBe(before),
    );
  },
};
