// The Tailwind preset's full-screen viewer over a seeded library, loaded on first use as a
// screen loads it: opened from the keyboard, moved with the arrows and Home/End, zoomed with +,
// closed with Escape back to the button that opened it; a sound plays in it; light and dark.
import { type MediaLibrary, useAssets } from '@medialoft/media-library';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { lazy, Suspense, useMemo, useState } from 'react';
import { expect, screen, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { catchDownloads } from '../../story-downloads';
import { createStoryLibrary } from '../../story-library';
import { libraryLoaders, type StoryData, WithLibrary } from '../../story-providers';
import { toneWav } from './story-media-files';

const AssetViewer = lazy(() =>
  import('../../../packages/media-library/src/tailwind/asset-viewer').then((module) => ({
    default: module.AssetViewer,
  })),
);

const meta = {
  title: 'Tailwind/AssetViewer',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(6),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <ListWithViewer />
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** A plain list of the library's assets, each a button that opens the viewer on it. */
function ListWithViewer() {
  const { items } = useAssets();
  const ids = useMemo(() => items.map((asset) => asset.id), [items]);
  const [viewing, setViewing] = useState<{ id: string }>();
  return (
    <div className="p-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((asset) => (
          <li key={asset.id}>
            <button
              type="button"
              className="rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-600"
              onClick={() => setViewing({ id: asset.id })}
            >
              {asset.name}
            </button>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm" data-testid="viewer-closed">
        {viewing ? 'open' : 'closed'}
      </p>
      <Suspense fallback={null}>
        <AssetViewer ids={ids} request={viewing} onClose={() => setViewing(undefined)} />
      </Suspense>
    </div>
  );
}

/** From the keyboard only: open, move, zoom, close; the opening button has the focus back. */
export const KeyboardPath: Story = {
  play: async ({ canvas, userEvent }) => {
    const buttons = await canvas.findAllByRole('button', {}, { timeout: 10_000 });
    await waitFor(() => expect(canvas.getAllByRole('button')).toHaveLength(6));
    const opener = canvas.getAllByRole('button')[0] as HTMLElement;
    await userEvent.tab();
    await expect(opener).toHaveFocus();
    await expect(buttons.length).toBeGreaterThan(0);
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await expect(dialog).toHaveAccessibleName(opener.textContent ?? '');
    await expect(within(dialog).getByText('1 of 6')).toBeVisible();
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    await expect(within(dialog).getByRole('button', { name: 'Previous asset' })).toBeDisabled();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(within(dialog).getByText('2 of 6')).toBeVisible());
    await waitFor(() =>
      expect(dialog.querySelector('img[data-state="original"]')?.getAttribute('src')).toMatch(
        /^blob:/,
      ),
    );
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(within(dialog).getByText('6 of 6')).toBeVisible());
    await expect(within(dialog).getByRole('button', { name: 'Next asset' })).toBeDisabled();
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(within(dialog).getByText('1 of 6')).toBeVisible());
    // + zooms the image in by a step; 0 fits it again.
    await userEvent.keyboard('+');
    await waitFor(() =>
      expect(within(dialog).getByTestId('viewer-stage')).toHaveAttribute('data-zoomed', 'true'),
    );
    await expect(within(dialog).getByRole('button', { name: /now 125 %/ })).toBeVisible();
    await userEvent.keyboard('0');
    await waitFor(() =>
      expect(within(dialog).getByTestId('viewer-stage')).toHaveAttribute('data-zoomed', 'false'),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(opener).toHaveFocus();
    await expect(canvas.getByTestId('viewer-closed')).toHaveTextContent('closed');
  },
};

/** A swipe to the left moves to the next asset; the close button closes. */
export const SwipeAndClose: Story = {
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getAllByRole('button')).toHaveLength(6));
    const opener = canvas.getAllByRole('button')[2] as HTMLElement;
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await expect(within(dialog).getByText('3 of 6')).toBeVisible();
    const stage = within(dialog).getByTestId('viewer-stage');
    await userEvent.pointer([
      { keys: '[MouseLeft>]', target: stage, coords: { clientX: 300, clientY: 200 } },
      { target: stage, coords: { clientX: 150, clientY: 205 } },
      { keys: '[/MouseLeft]', target: stage, coords: { clientX: 150, clientY: 205 } },
    ]);
    await waitFor(() => expect(within(dialog).getByText('4 of 6')).toBeVisible());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close viewer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(opener).toHaveFocus();
  },
};

/** A sound gets a player with controls, in the dark scheme. */
export const AudioDark: Story = {
  parameters: { colorScheme: 'dark' },
  loaders: [
    async (): Promise<StoryData> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      await library.importFiles([toneWav()]);
      return { library };
    },
  ],
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'tuning-fork.wav' }));
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await waitFor(() =>
      expect(dialog.querySelector('audio[controls]')?.getAttribute('src')).toMatch(/^blob:/),
    );
    await expect(within(dialog).queryByRole('button', { name: 'Zoom in' })).toBeNull();
    await expect(getComputedStyle(dialog).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
  },
};

/** Left open on an image, so the accessibility check covers the dialog's controls. */
export const OpenOnImage: Story = {
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getAllByRole('button')).toHaveLength(6));
    await userEvent.click(canvas.getAllByRole('button')[1] as HTMLElement);
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await expect(within(dialog).getByText('2 of 6')).toBeVisible();
    await expect(
      within(dialog).getByRole('button', { name: /Fit to screen, now 100 %/ }),
    ).toBeVisible();
    await waitFor(() => expect(dialog.querySelector('img[data-state="original"]')).not.toBeNull());
  },
};

/** A file with no player (a CSV) offers Download, which saves its bytes and counts it. */
export const DownloadWithoutPlayer: Story = {
  loaders: [
    async (): Promise<StoryData> => {
      const library: MediaLibrary = createStoryLibrary();
      await library.ready;
      const csv = new File(['name,count\nfox,3\n'], 'counts.csv', { type: 'text/csv' });
      await library.importFiles([csv]);
      return { library };
    },
  ],
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    await userEvent.click(await canvas.findByRole('button', { name: 'counts.csv' }));
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    const download = await within(dialog).findByRole('button', { name: 'Download' });
    const caught = catchDownloads();
    try {
      await userEvent.click(download);
      await waitFor(() => expect(caught.saved).toHaveLength(1));
    } finally {
      caught.release();
    }
    await expect(caught.saved[0]?.name).toBe('counts.csv');
    await expect(await caught.saved[0]?.blob.text()).toBe('name,count\nfox,3\n');
    const [asset] = library.getState().assets.values();
    await waitFor(() => expect(asset && library.get(asset.id)?.usage.downloads).toBe(1));
  },
};
