// "Export for…" in the Tailwind preset's details, with no image server: every platform format
// previewed over the image (kept area, safe zone), a choice by click, and an Instagram story
// made in the browser, added as a new version that names its original and the format, which
// "Show it" hands on; light and dark.
import { useAssets } from '@medialoft/media-library';
import { AssetDetailsPanel } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';

const meta = {
  title: 'Tailwind/Export for platforms',
  parameters: { preset: 'tailwind' },
  args: { onSelectAsset: fn() },
  loaders: libraryLoaders(3),
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="h-dvh w-full max-w-sm">
        <UploadDetails onSelectAsset={args.onSelectAsset} />
      </div>
    </WithLibrary>
  ),
} satisfies Meta<{ onSelectAsset(id: string): void }>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The details of the library's first uploaded PNG of known size. */
function UploadDetails({ onSelectAsset }: { onSelectAsset(id: string): void }) {
  const { items } = useAssets({ sourceTypes: ['upload'] });
  const id = items.find((asset) => asset.mimeType === 'image/png' && asset.width)?.id;
  if (!id) return null;
  return <AssetDetailsPanel assetId={id} onClose={() => {}} onSelectAsset={onSelectAsset} />;
}

/** Opens the export and returns its formats. */
async function openFormats(
  canvas: ReturnType<typeof within>,
  click: (e: Element) => Promise<void>,
) {
  await click(await canvas.findByRole('button', { name: 'Export for…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Export for a platform' });
  return await within(dialog).findByRole(
    'group',
    { name: 'Platform formats' },
    { timeout: 10_000 },
  );
}

/** The formats: each one's kept area over the image, the story's safe zone dashed. */
export const Formats: Story = {
  play: async ({ canvas, userEvent }) => {
    const group = await openFormats(canvas, (e) => userEvent.click(e));
    await expect(within(group).getAllByRole('button')).toHaveLength(10);
    const story = group.querySelector('[data-format="instagram-story"]') as HTMLElement;
    const square = group.querySelector('[data-format="instagram-square"]') as HTMLElement;
    await expect(story.querySelector('[data-part="safe-zone"]')).not.toBeNull();
    await expect(square.querySelector('[data-part="safe-zone"]')).toBeNull();
    await expect(square).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(story);
    await expect(story).toHaveAttribute('aria-pressed', 'true');
    await expect(square).toHaveAttribute('aria-pressed', 'false');
    await expect(
      screen.getByText(/Instagram story, 1080 × 1920, resized in this browser/),
    ).toBeVisible();
    // The image itself shows under the shade.
    await waitFor(() => expect(story.querySelector('img')?.naturalWidth).toBeGreaterThan(0));
  },
};

/** An Instagram story made in this browser, added next to the original; "Show it" hands it on. */
export const AddStory: Story = {
  play: async ({ canvas, userEvent, loaded, args }) => {
    const library = loaded.library;
    const before = library.query().total;
    const group = await openFormats(canvas, (e) => userEvent.click(e));
    await userEvent.click(group.querySelector('[data-format="instagram-story"]') as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: 'Add to library' }));
    await expect(await screen.findByText(/^Added /, {}, { timeout: 10_000 })).toBeVisible();
    await waitFor(() => expect(library.query().total).toBe(before + 1));
    const made = library.query().items.find((a) => a.source.type === 'edit');
    await expect(made?.source).toMatchObject({ operation: 'export', format: 'instagram-story' });
    await expect([made?.width, made?.height]).toEqual([1080, 1920]);
    await userEvent.click(screen.getByRole('button', { name: 'Show it' }));
    await expect(args.onSelectAsset).toHaveBeenCalledWith(made?.id);
    // Showing it closes the export.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  },
};

/** The export in the dark scheme. */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    const group = await openFormats(canvas, (e) => userEvent.click(e));
    const dialog = group.closest('dialog') as HTMLElement;
    await expect(getComputedStyle(dialog).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
  },
};
