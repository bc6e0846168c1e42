// The Tailwind preset's edit studio over a seeded library and a mock generator that edits:
// only the operations its models take, an upscale shown beside the original, a mask painted
// from the keyboard with undo, a refused edit marked on its field, progress and Cancel, a
// rotation in the browser; light and dark.
import { type MediaAIGenerator, type MediaLibrary, useAssets } from '@medialoft/media-library';
import { AssetEditPanel } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { createMockEditingGenerator, mockEditModel } from '../../story-generators';
import { libraryLoaders, WithLibrary } from '../../story-providers';

const meta = {
  title: 'Tailwind/AssetEditPanel',
  parameters: { preset: 'tailwind' },
  args: { onSelectAsset: fn() },
  loaders: libraryLoaders(4, { ai: () => createMockEditingGenerator({ stepMs: 40 }) }),
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="max-w-md p-4">
        <FirstUpload {...args} />
      </div>
    </WithLibrary>
  ),
} satisfies Meta<{ onSelectAsset(id: string): void }>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The edit studio on the library's first uploaded PNG. */
function FirstUpload({ onSelectAsset }: { onSelectAsset(id: string): void }) {
  const { items } = useAssets({ sourceTypes: ['upload'] });
  const id = items.find((asset) => asset.mimeType === 'image/png')?.id;
  return id ? <AssetEditPanel assetId={id} onSelectAsset={onSelectAsset} /> : null;
}

/** A generator whose only edit model upscales: the picker offers nothing else. */
function upscaleOnly(): MediaAIGenerator {
  const base = createMockEditingGenerator({ stepMs: 40 });
  return {
    ...base,
    async listModels() {
      return [
        {
          ...mockEditModel,
          id: 'local/upscaler',
          label: 'Upscaler',
          costPerImageUsd: 0.01,
          capabilities: { operations: ['upscale'] },
        },
      ];
    },
  };
}

/** Upscale ×2: a new version lands and shows beside the original, with a way to it. */
export const Upscale: Story = {
  play: async ({ canvas, userEvent, loaded, args }) => {
    const library = loaded.library as MediaLibrary;
    const before = library.query().total;
    const operations = await canvas.findByRole('group', { name: 'Operation' });
    await expect(within(operations).getAllByRole('radio')).toHaveLength(6);
    await userEvent.click(canvas.getByRole('radio', { name: 'Upscale' }));
    await userEvent.click(canvas.getByRole('radio', { name: '×2' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Upscale' }));
    const compare = await canvas.findByRole(
      'region',
      { name: 'Before and after' },
      { timeout: 10_000 },
    );
    await waitFor(() => expect(library.query().total).toBe(before + 1));
    await expect(compare).toHaveTextContent('Before');
    await expect(compare).toHaveTextContent('After');
    await userEvent.click(within(compare).getByRole('button', { name: /^Show / }));
    const [newest] = library.query().items;
    await expect(args.onSelectAsset).toHaveBeenCalledWith(newest?.id);
  },
};

/** Only what the models take is offered, with its cost. */
export const FilteredByModel: Story = {
  loaders: libraryLoaders(2, { ai: upscaleOnly }),
  play: async ({ canvas }) => {
    const operations = await canvas.findByRole('group', { name: 'Operation' });
    await waitFor(() => expect(within(operations).getAllByRole('radio')).toHaveLength(1));
    await expect(canvas.getByRole('radio', { name: 'Upscale' })).toBeChecked();
    await expect(canvas.queryByRole('radio', { name: 'Inpaint' })).toBeNull();
    await expect(canvas.getByText('Estimated cost: $0.010')).toBeVisible();
  },
};

/** Inpaint: the mask is needed and said so; painted from the keyboard, undone, painted again. */
export const InpaintMask: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: 'Inpaint' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'a red door');
    await userEvent.click(canvas.getByRole('button', { name: 'Inpaint' }));
    const painter = await canvas.findByRole('application');
    await waitFor(() => expect(painter).toHaveAttribute('aria-invalid', 'true'));
    await expect(painter).toHaveAccessibleDescription('Paint over the area to change first.');
    await expect(canvas.getByRole('button', { name: 'Undo' })).toBeDisabled();
    painter.focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft} ');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Undo' })).toBeEnabled());
    await expect(canvas.getByRole('button', { name: 'Clear' })).toBeEnabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Clear' })).toBeDisabled());
    await userEvent.click(canvas.getByRole('button', { name: 'Eraser' }));
    await expect(canvas.getByRole('button', { name: 'Eraser' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  },
};

/** A prompt-led edit without a prompt, and a strength past 1: each field says what to fix. */
export const Refused: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const before = library.query().total;
    await userEvent.click(await canvas.findByRole('radio', { name: 'Edit' }));
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Strength' }), '1.5');
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }));
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
    await waitFor(() => expect(prompt).toHaveAttribute('aria-invalid', 'true'));
    await expect(prompt).toHaveAccessibleDescription('Describe the change you want.');
    const strength = canvas.getByRole('spinbutton', { name: 'Strength' });
    await expect(strength).toHaveAttribute('aria-invalid', 'true');
    await expect(strength).toHaveAccessibleDescription(/Use a strength between 0 and 1\./);
    await expect(library.query().total).toBe(before);
  },
};

/** A slow edit shows its progress and Cancel stops it with nothing added; dark scheme. */
export const CancelDark: Story = {
  parameters: { colorScheme: 'dark' },
  loaders: libraryLoaders(2, { ai: () => createMockEditingGenerator({ stepMs: 600 }) }),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const before = library.query().total;
    await userEvent.click(await canvas.findByRole('radio', { name: 'Variation' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Variation' }));
    await expect(await canvas.findByRole('progressbar', { name: 'Edit progress' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(canvas.queryByRole('progressbar')).toBeNull());
    await expect(library.query().total).toBe(before);
  },
};

/** Rotate right in the browser: a new asset, the original kept. */
export const RotateInBrowser: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const before = library.query().total;
    await userEvent.click(await canvas.findByRole('button', { name: 'Rotate right' }));
    await waitFor(() => expect(library.query().total).toBe(before + 1), { timeout: 10_000 });
    await expect(await canvas.findByRole('region', { name: 'Before and after' })).toBeVisible();
  },
};
