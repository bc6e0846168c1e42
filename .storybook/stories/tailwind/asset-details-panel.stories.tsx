// The Tailwind preset's details panel over a seeded library: an AI image's title, alt text,
// tags, collections and favourite edited and saved, its prompt used again, the host's data, a
// sound that plays in place, an asset that is gone; light and dark.
import {
  type MediaLibrary,
  readProvenance,
  transformAsset,
  useAssets,
} from '@medialoft/media-library';
import { AssetDetailsPanel } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { pdfOfPages } from '../../../packages/media-library/src/core/import/test-pdf';
import { type CaughtDownload, catchDownloads } from '../../story-downloads';
import { createStoryLibrary } from '../../story-library';
import { libraryLoaders, type StoryData, WithLibrary } from '../../story-providers';
import { toneWav } from './story-media-files';

type Args = Omit<Parameters<typeof AssetDetailsPanel>[0], 'assetId'>;

const meta = {
  title: 'Tailwind/AssetDetailsPanel',
  parameters: { preset: 'tailwind' },
  args: { onClose: fn(), onReusePrompt: fn(), onView: fn(), onEdit: fn(), onError: fn() },
  loaders: libraryLoaders(4),
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="h-dvh w-full max-w-sm border-r border-zinc-200 dark:border-zinc-700">
        <FirstDetails {...args} />
      </div>
    </WithLibrary>
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The details of the library's first AI asset, else its first asset. */
function FirstDetails(props: Args) {
  const { items } = useAssets();
  const asset = items.find((a) => a.source.type === 'ai') ?? items[0];
  return asset ? <AssetDetailsPanel assetId={asset.id} {...props} /> : null;
}

const aiAsset = (library: MediaLibrary) => {
  const asset = library.query().items.find((a) => a.source.type === 'ai');
  if (!asset) throw new Error('The seeded library has no AI asset.');
  return asset;
};

/** Title and alt text save on leaving the field; tags, favourite and collections at once. */
export const EditAndSave: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const { id } = aiAsset(library);
    const title = await canvas.findByRole('textbox', { name: 'Title' });
    await userEvent.type(title, 'Fox at dawn');
    await userEvent.tab();
    await waitFor(() => expect(library.get(id)?.title).toBe('Fox at dawn'));
    // The heading follows the library a render after the save.
    await expect(await canvas.findByRole('heading', { name: 'Fox at dawn' })).toBeVisible();
    const alt = canvas.getByRole('textbox', { name: 'Alt text' });
    await expect(alt).toHaveAccessibleDescription(
      'Describes the image for people who cannot see it',
    );
    await userEvent.type(alt, 'A red fox curled up in snow');
    await userEvent.tab();
    await waitFor(() => expect(library.get(id)?.alt).toBe('A red fox curled up in snow'));
    // Tags: Enter adds (a comma splits), the chip's button removes.
    await userEvent.type(canvas.getByRole('textbox', { name: 'Tags' }), 'wildlife, cover{Enter}');
    await waitFor(() =>
      expect(library.get(id)?.tags).toEqual(expect.arrayContaining(['wildlife', 'cover'])),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Remove tag cover' }));
    await waitFor(() => expect(library.get(id)?.tags).not.toContain('cover'));
    // Favourite is a toggle button.
    const favorite = canvas.getByRole('button', { name: 'Favorite' });
    const was = library.get(id)?.favorite ?? false;
    await userEvent.click(favorite);
    await waitFor(() => expect(library.get(id)?.favorite).toBe(!was));
    await expect(favorite).toHaveAttribute('aria-pressed', String(!was));
    // A new collection holds it; its chip removes it again.
    await userEvent.type(canvas.getByRole('textbox', { name: 'New collection' }), 'Covers{Enter}');
    const remove = await canvas.findByRole('button', { name: 'Remove from Covers' });
    await waitFor(() => expect(library.get(id)?.collectionIds).toHaveLength(1));
    await userEvent.click(remove);
    await waitFor(() => expect(library.get(id)?.collectionIds).toHaveLength(0));
    // Now it is in none, the picker offers the collection back.
    await userEvent.selectOptions(
      await canvas.findByRole('combobox', { name: 'Add to collection' }),
      'Covers',
    );
    await waitFor(() => expect(library.get(id)?.collectionIds).toHaveLength(1));
  },
};

/** How it was made, "Use again" with its settings, the file's facts, the host's data, actions. */
export const ProvenanceAndFacts: Story = {
  play: async ({ canvas, userEvent, args, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const asset = aiAsset(library);
    await library.update(asset.id, { sourceModule: 'story-writer', meta: { scene: 'harbour' } });
    const made = await canvas.findByRole('region', { name: 'How it was made' });
    await expect(made).toHaveTextContent(asset.source.type === 'ai' ? asset.source.prompt : '');
    await expect(made).toHaveTextContent(/Seed/);
    await userEvent.click(canvas.getByRole('button', { name: 'Use again' }));
    await expect(args.onReusePrompt).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: asset.source.type === 'ai' ? asset.source.prompt : '' }),
    );
    await expect(canvas.getByRole('region', { name: 'File' })).toHaveTextContent(asset.name);
    const host = await canvas.findByRole('region', { name: 'From the app' });
    await expect(host).toHaveTextContent('story-writer');
    await expect(host).toHaveTextContent('harbour');
    // Download saves the original under its name with the prompt written into the file, and
    // counts the download.
    const downloads = catchDownloads();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Download' }));
      await waitFor(() => expect(downloads.saved).toHaveLength(1));
    } finally {
      downloads.release();
    }
    const [saved] = downloads.saved as [CaughtDownload];
    await expect(saved.name).toBe(asset.name);
    const written = await readProvenance(saved.blob);
    await expect(written?.source.prompt).toBe(
      asset.source.type === 'ai' ? asset.source.prompt : undefined,
    );
    await waitFor(() =>
      expect(library.get(asset.id)?.usage.downloads).toBe(asset.usage.downloads + 1),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'View' }));
    await expect(args.onView).toHaveBeenCalledWith(asset.id);
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }));
    await expect(args.onEdit).toHaveBeenCalledWith(asset.id);
    await userEvent.click(canvas.getByRole('button', { name: 'Close details' }));
    await expect(args.onClose).toHaveBeenCalled();
    // The image itself shows, from its original.
    await waitFor(() =>
      expect(
        canvas
          .getByRole('region', { name: 'Asset details' })
          .querySelector('img[data-state="original"]'),
      ).not.toBeNull(),
    );
  },
};

/** Details that follow "Derived from" and the versions list to the asset they name. */
function FollowingDetails(props: Args & { firstId: string }) {
  const { firstId, ...rest } = props;
  const [id, setId] = useState(firstId);
  return <AssetDetailsPanel {...rest} assetId={id} onSelectAsset={setId} />;
}

/** A crop says what it was derived from; that opens the original, which lists the crop. */
export const Lineage: Story = {
  loaders: [
    async (): Promise<StoryData & { cropId: string }> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      const [imported] = await library.importFiles([await squarePng('harbour.png', 80, 40)]);
      if (imported?.status !== 'imported') throw new Error('The story image did not import.');
      const crop = await transformAsset(library, imported.asset.id, { crop: { aspect: '1:1' } });
      if (crop.status !== 'imported') throw new Error('The crop was not made.');
      return { library, cropId: crop.asset.id };
    },
  ],
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="h-dvh w-full max-w-sm">
        <FollowingDetails {...args} firstId={loaded.cropId as string} />
      </div>
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const crop = library.get(loaded.cropId as string);
    if (!crop) throw new Error('The crop is missing.');
    const versions = await canvas.findByRole('region', { name: 'Versions' });
    await expect(versions).toHaveTextContent('Derived from harbour.png');
    const derived = within(versions).getByText(/Derived from/);
    await userEvent.click(within(derived).getByRole('button', { name: 'harbour.png' }));
    // The original: no parent, and the crop among its versions.
    await waitFor(() =>
      expect(canvas.getByRole('region', { name: 'Versions' })).not.toHaveTextContent(
        'Derived from',
      ),
    );
    const listed = canvas.getByRole('region', { name: 'Versions' });
    await expect(listed).toHaveTextContent(`${crop.title ?? crop.name} · crop`);
    await userEvent.click(within(listed).getByRole('button', { name: crop.title ?? crop.name }));
    await waitFor(() =>
      expect(canvas.getByRole('region', { name: 'Versions' })).toHaveTextContent('Derived from'),
    );
  },
};

/** A new file for the same asset: same id and title, new size; a duplicate is refused in words. */
export const ReplaceFile: Story = {
  loaders: [
    async (): Promise<StoryData & { id: string; pier: File }> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      const pier = await squarePng('pier.png', 30, 30);
      const [imported] = await library.importFiles([await squarePng('harbour.png', 80, 40), pier]);
      if (imported?.status !== 'imported') throw new Error('The story image did not import.');
      await library.update(imported.asset.id, { title: 'Harbour at dawn' });
      return { library, id: imported.asset.id, pier };
    },
  ],
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="h-dvh w-full max-w-sm">
        <FollowingDetails {...args} firstId={loaded.id as string} />
      </div>
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const id = loaded.id as string;
    await expect(await canvas.findByRole('button', { name: 'Replace file…' })).toBeVisible();
    const chooser = canvas.getByLabelText('New file for this asset');
    await userEvent.upload(chooser, await squarePng('harbour-wide.png', 50, 70));
    await waitFor(() => expect(library.get(id)?.width).toBe(50), { timeout: 10_000 });
    const replaced = library.get(id);
    await expect([replaced?.id, replaced?.title, replaced?.height]).toEqual([
      id,
      'Harbour at dawn',
      70,
    ]);
    await expect(canvas.getByRole('heading', { name: 'Harbour at dawn' })).toBeVisible();
    // The bytes of another asset: refused, said in words, and that asset one click away.
    await userEvent.upload(canvas.getByLabelText('New file for this asset'), loaded.pier as File);
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('already in the library as "pier.png"');
    await expect(library.get(id)?.width).toBe(50);
    await userEvent.click(within(alert).getByRole('button', { name: 'Show that asset' }));
    await expect(await canvas.findByRole('heading', { name: 'pier.png' })).toBeVisible();
  },
};

/** A PNG of `width` × `height`: red left half, blue right half. */
async function squarePng(name: string, width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#d03030';
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = '#3060d0';
  context.fillRect(width / 2, 0, width / 2, height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

/** A loader for a library holding just `file()`. */
function holding(file: () => File) {
  return [
    async (): Promise<StoryData> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      await library.importFiles([file()]);
      return { library };
    },
  ];
}

/** A PDF page by page: page 1 drawn, Next draws page 2, Previous goes back. */
export const PdfPages: Story = {
  loaders: holding(
    () =>
      new File([pdfOfPages(['First page', 'Second page'])], 'brief.pdf', {
        type: 'application/pdf',
      }),
  ),
  play: async ({ canvas, userEvent }) => {
    const page = await canvas.findByRole('img', { name: 'Page 1 of 2' }, { timeout: 15_000 });
    await expect(page.getAttribute('src')).toMatch(/^blob:/);
    await expect(canvas.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await expect(
      await canvas.findByRole('img', { name: 'Page 2 of 2' }, { timeout: 15_000 }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeDisabled();
  },
};

/** A text file's start, as text: the markup in it is shown, never run. */
export const TextStart: Story = {
  loaders: holding(
    () =>
      new File(['# Shoot list\n\n- Harbour at dawn, <b>wide</b>\n'], 'notes.txt', {
        type: 'text/plain',
      }),
  ),
  play: async ({ canvas }) => {
    const start = await canvas.findByRole('region', { name: 'Start of notes.txt' });
    await expect(start).toHaveTextContent('- Harbour at dawn, <b>wide</b>');
    await expect(start.querySelector('b')).toBeNull();
  },
};

/** A sound plays in place, with no alt text or Copy image; dark scheme. */
export const SoundDark: Story = {
  parameters: { colorScheme: 'dark' },
  loaders: [
    async (): Promise<StoryData> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      await library.importFiles([toneWav()]);
      return { library };
    },
  ],
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('heading', { name: 'tuning-fork.wav' })).toBeVisible();
    await waitFor(() =>
      expect(canvasElement.querySelector('audio[controls]')?.getAttribute('src')).toMatch(/^blob:/),
    );
    await expect(canvas.queryByRole('textbox', { name: 'Alt text' })).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Copy image' })).toBeNull();
    const panel = canvas.getByRole('region', { name: 'Asset details' });
    await expect(getComputedStyle(panel).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
  },
};

/** An image's details in the dark scheme, under the accessibility check. */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Title' })).toBeVisible();
    await expect(canvas.getByRole('region', { name: 'How it was made' })).toBeVisible();
  },
};

/** An asset deleted meanwhile: the panel says so and still closes. */
export const Gone: Story = {
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="max-w-sm">
        <AssetDetailsPanel assetId="no-such-asset" {...args} />
      </div>
    </WithLibrary>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('This asset is no longer in the library.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Close details' })).toBeVisible();
  },
};
