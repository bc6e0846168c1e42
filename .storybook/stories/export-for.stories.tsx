// "Export for…" over a seeded library with no image server: every platform format previewed
// over the image (kept area, safe zone), and an Instagram story made in the browser and added
// as a new version that names its original and the format.
import { Box } from '@mantine/core';
import { useAssets } from '@medialoft/media-library';
import { AssetDetailsPanel } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { libraryLoaders, WithLibrary } from '../story-providers';

const meta = {
  title: 'Preset/Export for platforms',
  loaders: libraryLoaders(3),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

function Details() {
  const { items } = useAssets({ sourceTypes: ['upload'] });
  const id = items.find((asset) => asset.mimeType === 'image/png' && asset.width)?.id;
  return (
    <Box w={360} h="100vh">
      {id && <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />}
    </Box>
  );
}

/** The formats: each one's kept area over the image, the story's safe zone dashed. */
export const Formats: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Export for…' }));
    const group = await screen.findByRole(
      'group',
      { name: 'Platform formats' },
      { timeout: 10_000 },
    );
    const cards = within(group).getAllByRole('button');
    await expect(cards).toHaveLength(10);
    const story = group.querySelector('[data-format="instagram-story"]') as HTMLElement;
    await expect(story.querySelector('[data-part="safe-zone"]')).not.toBeNull();
    await userEvent.click(story);
    await expect(story).toHaveAttribute('aria-pressed', 'true');
  },
};

/** An Instagram story made in this browser, added next to the original. */
export const AddStory: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    const before = library?.query().total ?? 0;
    await userEvent.click(await canvas.findByRole('button', { name: 'Export for…' }));
    const group = await screen.findByRole(
      'group',
      { name: 'Platform formats' },
      { timeout: 10_000 },
    );
    await userEvent.click(group.querySelector('[data-format="instagram-story"]') as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: 'Add to library' }));
    await expect(await screen.findByText(/^Added /, {}, { timeout: 10_000 })).toBeVisible();
    await waitFor(() => expect(library?.query().total).toBe(before + 1));
    const made = library?.query().items.find((a) => a.source.type === 'edit');
    await expect(made?.source).toMatchObject({ operation: 'export', format: 'instagram-story' });
    await expect([made?.width, made?.height]).toEqual([1080, 1920]);
  },
};
