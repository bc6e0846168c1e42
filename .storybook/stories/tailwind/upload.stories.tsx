// The Tailwind preset's upload pieces over a real library: the drop area and its "Drop to
// upload" state, the Upload button, a batch's progress with Cancel, and the outcome panel.
import { useAssets } from '@medialoft/media-library';
import { UploadButton, UploadDropzone } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { drawImage } from '../../story-images';
import { libraryLoaders, WithLibrary } from '../../story-providers';

/** The drop area beside a count of the library, and what a duplicate's Show picked. */
function UploadDemo() {
  const { total } = useAssets();
  const [shown, setShown] = useState<string>();
  return (
    <div className="flex max-w-xl flex-col gap-3 p-4">
      <p className="text-sm" data-testid="count">
        {total} in the library{shown ? ` · showing ${shown}` : ''}
      </p>
      <UploadDropzone onShowAsset={setShown} />
    </div>
  );
}

/** The Upload button and the names of the files it handed on. */
function Picked() {
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className="flex flex-col items-start gap-2 p-4">
      <UploadButton onFiles={(files) => setNames(files.map((file) => file.name))} />
      <p data-testid="picked">{names.join(', ') || 'Nothing picked'}</p>
    </div>
  );
}

const meta = {
  title: 'Tailwind/Upload',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(0),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <UploadDemo />
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** A PNG file of a drawn picture. */
async function photo(name: string, prompt: string): Promise<File> {
  return new File([await drawImage(prompt, 64, 48)], name, { type: 'image/png' });
}

/**
 * Files dragged over the area turn it into "Drop to upload"; picked files land and the summary
 * says so in words; the same file again is named as already there, and its Show reveals the
 * asset it already is. Dismiss takes the summary away.
 */
export const DropAndOutcome: Story = {
  play: async ({ canvas, userEvent }) => {
    const area = canvas.getByRole('button', { name: 'Upload files' });
    const drag = (type: string) =>
      area.dispatchEvent(new DragEvent(type, { bubbles: true, dataTransfer: new DataTransfer() }));
    drag('dragenter');
    await waitFor(() => expect(area).toHaveAttribute('data-state', 'drag-over'));
    await expect(within(area).getByText('Drop to upload')).toBeVisible();
    drag('dragleave');
    await waitFor(() => expect(area).toHaveAttribute('data-state', 'idle'));
    await expect(within(area).queryByText('Drop to upload')).toBeNull();

    const input = canvas.getByLabelText('Files to upload');
    const fox = await photo('fox.png', 'red fox');
    await userEvent.upload(input, [fox, await photo('lake.png', 'mountain lake')]);
    const summary = await canvas.findByRole('status', { name: 'Import summary' });
    await expect(summary).toHaveTextContent('2 added');
    await expect(canvas.getByTestId('count')).toHaveTextContent('2 in the library');

    await userEvent.upload(input, [new File([fox], 'fox again.png', { type: 'image/png' })]);
    await waitFor(() =>
      expect(canvas.getByRole('status', { name: 'Import summary' })).toHaveTextContent(
        '1 already in your library',
      ),
    );
    const notAdded = canvas.getByRole('list', { name: 'Files not added' });
    await expect(notAdded).toHaveTextContent('fox again.png: already in your library as fox.png');
    await userEvent.click(within(notAdded).getByRole('button', { name: 'Show fox.png' }));
    await expect(canvas.getByTestId('count')).toHaveTextContent(/showing \S+/);
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss import summary' }));
    await expect(canvas.queryByRole('status', { name: 'Import summary' })).toBeNull();
  },
};

/** A batch onto slow storage shows its progress; Cancel keeps what finished and says so. */
export const ProgressAndCancel: Story = {
  loaders: libraryLoaders(0, { slowWritesMs: 400 }),
  play: async ({ canvas, userEvent }) => {
    const files = Array.from({ length: 8 }, (_, i) => {
      const bytes = new Uint8Array(4096 + i);
      crypto.getRandomValues(bytes);
      return new File([bytes], `notes-${i + 1}.txt`, { type: 'text/plain' });
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), files);
    await expect(await canvas.findByText(/Importing .* files/)).toBeVisible();
    await expect(canvas.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel import' }));
    const summary = await canvas.findByRole('status', { name: 'Import summary' });
    await expect(summary).toHaveTextContent(/^Canceled: \d+ kept, \d+ not imported/);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The Upload button opens the picker; what is picked is handed on. Dark scheme. */
export const Button: Story = {
  parameters: { colorScheme: 'dark' },
  render: () => <Picked />,
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Upload' });
    await expect(getComputedStyle(button).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
    await userEvent.upload(canvas.getByLabelText('Files to upload'), [
      await photo('cabin.png', 'snowy cabin'),
    ]);
    await expect(canvas.getByTestId('picked')).toHaveTextContent('cabin.png');
  },
};
