// The Tailwind preset's generate panel over a real library and the mock generator: an image
// generated into the library, a size the model cannot make marked on its field, a prompt left
// empty, the server's refusal in words, a cancel, and the dark scheme.
import { GeneratePanel } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import '../../tailwind.css';
import { createMockGenerator, remoteUrl, storyGenerator } from '../../story-generators';
import { libraryLoaders, WithLibrary } from '../../story-providers';

const meta = {
  title: 'Tailwind/GeneratePanel',
  component: GeneratePanel,
  parameters: { preset: 'tailwind' },
  args: { onGenerated: fn() },
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="max-w-xl p-4">
        <GeneratePanel {...args} />
      </div>
    </WithLibrary>
  ),
} satisfies Meta<typeof GeneratePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A prompt generates an image: progress shows, then the image is in the library and here. */
export const Generate: Story = {
  loaders: libraryLoaders(0, { ai: () => storyGenerator({ stepMs: 80 }) }),
  play: async ({ canvas, userEvent, args, loaded }) => {
    await userEvent.type(
      await canvas.findByRole('textbox', { name: 'Prompt' }),
      'sunflowers at noon',
    );
    await expect(await canvas.findByRole('combobox', { name: 'Model' })).toHaveValue(
      'local/placeholder',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(
      await canvas.findByRole('progressbar', { name: 'Generation progress' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(await canvas.findByText(/Added 1 image/, {}, { timeout: 15_000 })).toBeVisible();
    await expect(args.onGenerated).toHaveBeenCalledTimes(1);
    const [asset] = loaded.library.query().items;
    await expect(asset.source).toMatchObject({ type: 'ai', prompt: 'sunflowers at noon' });
    // The new image shows here once its thumbnail is read.
    await waitFor(
      () =>
        expect(canvas.getByRole('img', { name: 'sunflowers at noon' }).getAttribute('src')).toMatch(
          /^blob:/,
        ),
      { timeout: 10_000 },
    );
  },
};

/** Generate with no prompt: the prompt is marked and says what to write; nothing is sent. */
export const EmptyPrompt: Story = {
  loaders: libraryLoaders(0, { ai: () => createMockGenerator() }),
  play: async ({ canvas, userEvent, args, loaded }) => {
    const prompt = await canvas.findByRole('textbox', { name: 'Prompt' });
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(prompt).toHaveAttribute('aria-invalid', 'true'));
    await expect(prompt).toHaveAccessibleDescription('Describe the image you want.');
    await expect(args.onGenerated).not.toHaveBeenCalled();
    await expect(loaded.library.query().total).toBe(0);
    // Writing one and generating again clears the mark.
    await userEvent.type(prompt, 'a lighthouse');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(prompt).toHaveAttribute('aria-invalid', 'false'));
  },
};

/** SDXL stops at 1024 px: the 1080 × 1920 preset is marked before anything is sent. */
export const SizeBeyondModelLimits: Story = {
  args: {
    initial: { model: 'replicate/sdxl', width: 1080, height: 1920, prompt: 'city tram at night' },
  },
  loaders: libraryLoaders(0, { ai: () => createMockGenerator() }),
  play: async ({ canvas, userEvent }) => {
    if (remoteUrl) return;
    const size = await canvas.findByRole('combobox', { name: 'Size' });
    await waitFor(() => expect(size).toHaveAttribute('aria-invalid', 'true'));
    await expect(size).toHaveAccessibleDescription(/outside what SDXL can make/);
    await expect(canvas.getByText(/Estimated cost: \$0\.004/)).toBeVisible();
    await expect(canvas.getByRole('combobox', { name: 'Model' })).toHaveAccessibleDescription(
      'Up to 1024 × 1024 px',
    );
    // A size SDXL makes clears it at once.
    await userEvent.selectOptions(size, '1024x1024');
    await waitFor(() => expect(size).toHaveAttribute('aria-invalid', 'false'));
  },
};

/** The server refused the seed: the words say why and the seed, opened, is marked. */
export const ServerError: Story = {
  loaders: libraryLoaders(0, {
    ai: () =>
      createMockGenerator({
        stepMs: 40,
        failWith: Object.assign(new Error('Seed must be at most 4294967295.'), {
          code: 'invalid_request',
          field: 'seed',
        }),
      }),
  }),
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Prompt' }), 'desert road');
    await expect(canvas.getByRole('button', { name: 'Advanced settings' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The image was not generated');
    await expect(alert).toHaveTextContent('Seed must be at most');
    const seed = await canvas.findByRole('spinbutton', { name: 'Seed' });
    await waitFor(() => expect(seed).toHaveAttribute('aria-invalid', 'true'));
    await expect(seed).toBeVisible();
    await expect(loaded.library.query().total).toBe(0);
  },
};

/** Canceled midway: nothing was added, and the panel says so. */
export const Canceled: Story = {
  loaders: libraryLoaders(0, { ai: () => createMockGenerator({ stepMs: 200 }) }),
  play: async ({ canvas, userEvent, loaded }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Prompt' }), 'snowy cabin');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await canvas.findByRole('progressbar');
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await expect(
      await canvas.findByText('Canceled. Nothing was added to the library.'),
    ).toBeVisible();
    await expect(loaded.library.query().total).toBe(0);
  },
};

/** Advanced settings open in the dark scheme; the fields sit on a dark surface. */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  args: {
    initial: {
      model: 'replicate/sdxl',
      prompt: 'neon sign reading OPEN',
      negativePrompt: 'blurry',
      steps: 30,
      seed: 7,
      width: 768,
      height: 768,
    },
  },
  loaders: libraryLoaders(0, { ai: () => createMockGenerator() }),
  play: async ({ canvas }) => {
    const negative = await canvas.findByRole('textbox', { name: 'Negative prompt' });
    await expect(negative).toBeVisible();
    await expect(negative).toHaveValue('blurry');
    await expect(negative).toHaveAccessibleDescription('What the image should not contain');
    await expect(getComputedStyle(negative).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
  },
};

/** Without a generator the panel says AI generation is not set up. */
export const NoGenerator: Story = {
  loaders: libraryLoaders(0),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('AI generation is not set up')).toBeVisible();
    await expect(canvas.queryByRole('form')).toBeNull();
  },
};
