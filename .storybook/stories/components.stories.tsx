// The preset's building blocks one by one, each over a real seeded library.
import { Box, Group, Stack } from '@mantine/core';
import { MediaLibraryProvider, useAssets } from '@medialoft/media-library';
import {
  AIBadge,
  AssetDetailsPanel,
  AssetGridView,
  AssetThumbnail,
  BulkToolbar,
  CollectionsPanel,
  emptyFilters,
  FilterChips,
  ImportProgressBar,
  LibraryArchiveMenu,
  type LibraryFilters,
  LibraryHeader,
  LibraryToolbar,
  StorageMeter,
} from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, screen, spyOn, waitFor, within } from 'storybook/test';
// The facets hook is the screen's own, not public API: the stories take it from its module.
import { useLibraryFacets } from '../../packages/media-library/src/mantine/use-library-facets';
import { storyGenerator } from '../story-generators';
import { createStoryLibrary } from '../story-library';
import { libraryLoaders, WithLibrary } from '../story-providers';
import { expectNoSidewaysScroll, expectOnScreen, onPhone } from '../story-screen';

const meta = {
  title: 'Preset/Components',
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

function Grid({ layout }: { layout: 'grid' | 'list' }) {
  const { items } = useAssets();
  const [selection, setSelection] = useState<string[]>([]);
  return (
    <Box h="100vh">
      <AssetGridView
        assets={items}
        layout={layout}
        selection={selection}
        onSelectionChange={setSelection}
      />
    </Box>
  );
}

/** The virtualised grid: arrows move, Space selects. */
export const AssetGrid: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Grid layout="grid" />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    const cells = await canvas.findAllByRole('gridcell');
    (cells[0] as HTMLElement).focus();
    await userEvent.keyboard('{ArrowRight} ');
    await expect(cells[1]).toHaveAttribute('aria-selected', 'true');
  },
};

export const AssetList: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Grid layout="list" />
    </WithLibrary>
  ),
};

function Details({ ai }: { ai: boolean }) {
  const { items } = useAssets({ sourceTypes: ai ? ['ai'] : ['upload'], limit: 1 });
  const { collections } = useLibraryFacets();
  const id = items[0]?.id;
  return (
    <Box w={360} h="100vh" style={{ borderRight: '1px solid var(--mantine-color-default-border)' }}>
      {id && (
        <AssetDetailsPanel
          assetId={id}
          onClose={() => {}}
          collections={collections}
          onReusePrompt={() => {}}
        />
      )}
    </Box>
  );
}

/** Details of an AI asset: provenance with "Use this prompt again". */
export const DetailsOfAIAsset: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details ai />
    </WithLibrary>
  ),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('button', { name: 'Use this prompt again' }),
    ).toBeVisible();
  },
};

export const DetailsOfUpload: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Details ai={false} />
    </WithLibrary>
  ),
};

function Bulk() {
  const { items } = useAssets();
  const { collections } = useLibraryFacets();
  const [selection, setSelection] = useState<string[]>([]);
  const ids = items.map((a) => a.id);
  const shown = selection.length ? selection : ids.slice(0, 3);
  return (
    <Box p="md">
      <BulkToolbar
        selection={shown}
        onSelectionChange={setSelection}
        collections={collections}
        allIds={ids}
      />
    </Box>
  );
}

/** Three selected: delete asks first. */
export const BulkActions: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Bulk />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 3 assets?' });
    // The modal fades in; wait for it rather than catching it mid-transition.
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Delete 3 assets' })).toBeVisible(),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep them' }));
  },
};

/** Three selected on a 360 px wide phone: the actions wrap, nothing scrolls sideways. */
export const BulkActionsOnPhone: Story = {
  ...onPhone,
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Bulk />
    </WithLibrary>
  ),
  play: async ({ canvas }) => {
    const bar = await canvas.findByRole('toolbar', { name: 'Selection actions' });
    // The test runner sizes the page from the story's viewport; make sure it did.
    await expect(window.innerWidth).toBe(360);
    await expect(canvas.getByText('3 of 12 assets selected')).toBeVisible();
    await expect(bar.scrollWidth).toBeLessThanOrEqual(bar.clientWidth);
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
    // Every action is on screen, not scrolled out of the bar.
    const { left, right } = bar.getBoundingClientRect();
    const buttons = within(bar).getAllByRole('button');
    await expect(buttons.length).toBeGreaterThanOrEqual(7);
    for (const button of buttons) {
      await expect(button).toBeVisible();
      const box = button.getBoundingClientRect();
      await expect(box.left).toBeGreaterThanOrEqual(left);
      await expect(box.right).toBeLessThanOrEqual(right);
    }
  },
};

function Filters() {
  const [filters, setFilters] = useState<LibraryFilters>({
    ...emptyFilters,
    kinds: ['image'],
    favorite: true,
  });
  const [layout, setLayout] = useState<'grid' | 'list'>('grid');
  const facets = useLibraryFacets();
  return (
    <Box p="md" maw={900}>
      <LibraryToolbar
        filters={filters}
        onFiltersChange={setFilters}
        layout={layout}
        onLayoutChange={setLayout}
      />
      <Box mt="xs">
        <FilterChips filters={filters} onFiltersChange={setFilters} facets={facets} />
      </Box>
    </Box>
  );
}

/** Search, sort, layout and filter chips. */
export const SearchAndFilters: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Filters />
    </WithLibrary>
  ),
};

function Side() {
  const facets = useLibraryFacets();
  const [collectionId, setCollectionId] = useState<string>();
  const [tags, setTags] = useState<string[]>([]);
  return (
    <Box p="md" w={260}>
      <CollectionsPanel
        facets={facets}
        collectionId={collectionId}
        onCollectionChange={setCollectionId}
        tags={tags}
        onTagsChange={setTags}
      />
      <Box mt="lg">
        <StorageMeter />
      </Box>
    </Box>
  );
}

/** Collections, tags and the storage meter. */
export const CollectionsTagsAndStorage: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Side />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'New collection' }));
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'New collection name' }),
      'Holiday{Enter}',
    );
    await expect(await canvas.findByText('Holiday')).toBeVisible();
  },
};

/** An import batch midway. */
export const ImportProgress: Story = {
  render: () => (
    <Box p="md" maw={800}>
      <ImportProgressBar
        progress={{
          filesDone: 3,
          filesTotal: 8,
          bytesDone: 3_200_000,
          bytesTotal: 8_400_000,
          current: 'beach.jpg',
          unreadable: 1,
        }}
        onCancel={() => {}}
      />
    </Box>
  ),
};

/** The AI badge (nothing for uploads). */
export const Badge: Story = {
  render: () => (
    <Group p="md">
      <AIBadge
        source={{ type: 'ai', provider: 'replicate', model: 'flux-schnell', prompt: 'a fox' }}
      />
      <AIBadge source={{ type: 'upload' }} />
    </Group>
  ),
};

/** The header; "From URL" checks the address before fetching anything. */
export const Header: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <LibraryHeader onUpload={fn()} onImportUrl={fn(async () => {})} onGenerate={fn()} />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'From URL' }));
    const field = await screen.findByRole('textbox', { name: 'File URL' });
    await userEvent.type(field, 'not a url{Enter}');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(screen.getByText('Enter a full address starting with https://')).toBeVisible();
  },
};

/** The header's Backup menu on a phone: export 12 assets, restore them into a fresh library. */
export const BackupExportThenImport: Story = {
  ...onPhone,
  loaders: [async () => ({ fresh: createStoryLibrary() })],
  render: (_, { loaded }) => (
    <Stack>
      <WithLibrary loaded={loaded}>
        <LibraryHeader onUpload={fn()} onImportUrl={fn(async () => {})} />
      </WithLibrary>
      <section aria-label="Fresh library">
        <MediaLibraryProvider library={loaded.fresh}>
          <LibraryArchiveMenu />
        </MediaLibraryProvider>
      </section>
    </Stack>
  ),
  play: async ({ canvas, loaded, userEvent }) => {
    // The save picker hands over a file of the origin's own storage, so the export streams
    // into it as into a picked file; where a browser has no picker, keep the download's zip.
    const root = await navigator.storage.getDirectory();
    const picked = await root.getFileHandle(`backup-story-${Date.now()}.zip`, { create: true });
    const suggested: string[] = [];
    const ownPicker = Object.getOwnPropertyDescriptor(window, 'showSaveFilePicker');
    Object.defineProperty(window, 'showSaveFilePicker', {
      configurable: true,
      writable: true,
      value: async (options: { suggestedName: string }) => {
        suggested.push(options.suggestedName);
        return picked;
      },
    });
    const urls = new Map<string, Blob>();
    const create = URL.createObjectURL.bind(URL);
    const made = spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = create(blob as Blob);
      urls.set(url, blob as Blob);
      return url;
    });
    const saved: { blob: Blob; name: string }[] = [];
    const click = spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function keep(
      this: HTMLAnchorElement,
    ) {
      const blob = urls.get(this.href);
      if (blob) saved.push({ blob, name: this.download });
    });
    try {
      await expect(window.innerWidth).toBe(360);
      const [backup] = canvas.getAllByRole('button', { name: 'Backup' });
      await expectOnScreen(backup as HTMLElement);
      await expectNoSidewaysScroll();
      await userEvent.click(backup as HTMLElement);
      await userEvent.click(await screen.findByRole('menuitem', { name: 'Export library' }));
      await screen.findByText(`Saved as ${picked.name}`, {}, { timeout: 10_000 });
      await expect(saved).toHaveLength(0);
      await expect(suggested[0]).toMatch(/\d{4}-\d{2}-\d{2}\.medialoft\.zip$/);
      const archive = await picked.getFile();
      await userEvent.keyboard('{Escape}');
      // The first menu fades out; until it has gone, its items are still in the document.
      await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());

      const fresh = within(canvas.getByRole('region', { name: 'Fresh library' }));
      await userEvent.click(fresh.getByRole('button', { name: 'Backup' }));
      // The dropdown fades in.
      await waitFor(() =>
        expect(screen.getByRole('menuitem', { name: 'Import library' })).toBeVisible(),
      );
      await userEvent.keyboard('{Escape}');
      const file = new File([archive], 'backup.zip', { type: 'application/zip' });
      await userEvent.upload(fresh.getByLabelText('Library export file'), file);
      await expect(await screen.findByText('12 restored', {}, { timeout: 20_000 })).toBeVisible();
      await expect(loaded.fresh.getState().assets.size).toBe(12);
    } finally {
      made.mockRestore();
      click.mockRestore();
      if (ownPicker) Object.defineProperty(window, 'showSaveFilePicker', ownPicker);
      else Reflect.deleteProperty(window, 'showSaveFilePicker');
      await root.removeEntry(picked.name).catch(() => undefined);
    }
  },
};

function Thumbnails() {
  const { items } = useAssets({ limit: 4 });
  return (
    <Group p="md" align="flex-start">
      {items.map((asset, i) => (
        <Box key={asset.id} w={[120, 160, 200, 240][i]}>
          <AssetThumbnail
            asset={asset}
            ratio={[1, 4 / 3, 3 / 4, 16 / 9][i]}
            fit={i % 2 ? 'contain' : 'cover'}
          />
        </Box>
      ))}
    </Group>
  );
}

/** Fixed-ratio boxes: sized before the bytes load, so nothing moves when they arrive. */
export const Thumbnail: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Thumbnails />
    </WithLibrary>
  ),
  play: async ({ canvasElement }) => {
    const boxes = [...canvasElement.querySelectorAll<HTMLElement>('[data-status]')];
    await expect(boxes).toHaveLength(4);
    const before = boxes.map((box) => box.getBoundingClientRect().height);
    await waitFor(() => expect(boxes.every((box) => box.dataset.status === 'ready')).toBe(true));
    await expect(boxes.map((box) => box.getBoundingClientRect().height)).toEqual(before);
  },
};

function UnreadableAssets() {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const { collections } = useLibraryFacets();
  const damaged = items.find((asset) => asset.unreadable);
  return (
    <Group p="md" align="flex-start" wrap="nowrap">
      <Stack w={420}>
        <Group align="flex-start">
          {items.map((asset) => (
            <Box key={asset.id} w={180} data-name={asset.name}>
              <AssetThumbnail asset={asset} />
            </Box>
          ))}
        </Group>
        {damaged && (
          <Box w={48} data-name="list-size">
            <AssetThumbnail asset={damaged} />
          </Box>
        )}
      </Stack>
      <Box w={360} h="90vh">
        {damaged && (
          <AssetDetailsPanel assetId={damaged.id} onClose={() => {}} collections={collections} />
        )}
      </Box>
    </Group>
  );
}

/**
 * A file whose bytes don't decode (random bytes named corrupted.jpg), imported next to a good
 * PNG: an icon and "Can't be shown — the file may be damaged" in the grid and the details,
 * never a broken image; a 48 px list thumbnail shows the icon alone. A HEIC, which Chromium
 * can't decode though nothing is wrong with it, says "Can't be shown in this browser".
 */
export const UnreadableAsset: Story = {
  loaders: [
    async () => {
      const library = createStoryLibrary();
      const noise = new Uint8Array(4096);
      crypto.getRandomValues(noise);
      const canvas = new OffscreenCanvas(600, 400);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      context.fillStyle = '#4a8';
      context.fillRect(0, 0, 600, 400);
      const good = await canvas.convertToBlob({ type: 'image/png' });
      // A HEIC header: nothing wrong that the import can tell, but Chromium can't show it.
      const heic = new TextEncoder().encode('\0\0\0\x18ftypheic\0\0\0\0mif1heic');
      await library.importFiles([
        new File([noise], 'corrupted.jpg', { type: 'image/jpeg' }),
        new File([good], 'good.png', { type: 'image/png' }),
        new File([heic, noise], 'photo.heic', { type: 'image/heic' }),
      ]);
      return { library };
    },
  ],
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <UnreadableAssets />
    </WithLibrary>
  ),
  play: async ({ canvasElement }) => {
    const box = (name: string) =>
      canvasElement.querySelector<HTMLElement>(`[data-name="${name}"] [data-status]`);
    await waitFor(() => expect(box('good.png')?.dataset.status).toBe('ready'));
    const damaged = box('corrupted.jpg') as HTMLElement;
    await expect(damaged.dataset.status).toBe('unreadable');
    await expect(damaged.querySelector('img')).toBeNull();
    await expect(
      within(damaged).getByRole('img', { name: "Can't be shown — the file may be damaged" }),
    ).toBeVisible();
    await expect(
      within(damaged).getByText("Can't be shown — the file may be damaged"),
    ).toBeVisible();
    const heic = box('photo.heic') as HTMLElement;
    await waitFor(() => expect(heic.dataset.status).toBe('unreadable'));
    await expect(within(heic).getByText("Can't be shown in this browser")).toBeVisible();
    await expect(heic.querySelector('img')).toBeNull();
    // Too small for words: the icon, named for a screen reader.
    const small = box('list-size') as HTMLElement;
    await expect(small.dataset.status).toBe('unreadable');
    await expect(within(small).queryByText("Can't be shown — the file may be damaged")).toBeNull();
    await expect(within(small).getByRole('img')).toHaveAccessibleName(
      "Can't be shown — the file may be damaged",
    );
    const details = within(canvasElement).getByRole('region', { name: 'Asset details' });
    await expect(details.querySelector('img')).toBeNull();
    await expect(within(details).getByText(/bytes don't decode as image\/jpeg/)).toBeVisible();
    await expect(within(details).getByRole('button', { name: 'Copy image' })).toBeDisabled();
  },
};
