// The generate panel on its own: idle → generating with progress → inserted, an error that
// marks its field, canceled, a size the model cannot make, and the dark scheme.
import { Box } from '@mantine/core';
import { GeneratePanel } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { createMockGenerator, remoteUrl, storyGenerator } from '../story-generators';
import { createPreviewGenerator } from '../story-preview-generator';
import { libraryLoaders, WithLibrary } from '../story-providers';

const meta = {
  title: 'Preset/GeneratePanel',
  component: GeneratePanel,
  args: { onGenerated: fn() },
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <Box p="md" maw={560}>
        <GeneratePanel {...args} />
      </Box>
    </WithLibrary>
  ),
} satisfies Meta<typeof GeneratePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ready for a prompt; the models come from listModels(). */
export const Idle: Story = {
  loaders: libraryLoaders(0, { ai: () => storyGenerator() }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Prompt' })).toBeVisible();
    await expect(await canvas.findByRole('combobox', { name: 'Model' })).toBeVisible();
  },
};

/** A generation under way: the bar follows the generator's progress; Cancel is offered. */
export const Generating: Story = {
  loaders: libraryLoaders(0, { ai: () => createMockGenerator({ hang: true, stepMs: 300 }) }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(
      await canvas.findByRole('textbox', { name: 'Prompt' }),
      'a blue whale tail',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const bar = await canvas.findByRole('progressbar');
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0));
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeVisible();
  },
};

/** The images landed in the library. */
export const Inserted: Story = {
  loaders: libraryLoaders(0, { ai: () => storyGenerator({ stepMs: 60 }) }),
  play: async ({ canvas, userEvent, args, loaded }) => {
    await userEvent.type(
      await canvas.findByRole('textbox', { name: 'Prompt' }),
      'sunflowers at noon',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(await canvas.findByText(/Added 1 image/, {}, { timeout: 15_000 })).toBeVisible();
    await expect(args.onGenerated).toHaveBeenCalledTimes(1);
    const [asset] = loaded.library.query().items;
    await expect(asset.source).toMatchObject({ type: 'ai', prompt: 'sunflowers at noon' });
  },
};

/**
 * A generator that streams previews: a rough one, then a sharper one, each in the image's
 * place while it renders; the finished image then replaces them.
 */
export const Previews: Story = {
  args: { initial: { width: 512, height: 512 } },
  loaders: libraryLoaders(0, { ai: () => createPreviewGenerator({ stepMs: 500 }) }),
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Prompt' }), 'harbour lights');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const preview = await canvas.findByRole(
      'img',
      { name: 'Preview of image 1' },
      { timeout: 10_000 },
    );
    await expect(preview).toBeVisible();
    await expect(preview.getAttribute('src')).toMatch(/^blob:/);
    await waitFor(
      () =>
        expect(canvas.getByRole('img', { name: 'Preview of image 1' })).toHaveAttribute(
          'data-partial-index',
          '1',
        ),
      { timeout: 10_000 },
    );
    await expect(await canvas.findByText(/Added 1 image/, {}, { timeout: 15_000 })).toBeVisible();
    await expect(canvas.queryByRole('img', { name: /^Preview/ })).toBeNull();
    await expect(await canvas.findByRole('img', { name: 'harbour lights' })).toBeVisible();
    await expect(args.onGenerated).toHaveBeenCalledTimes(1);
  },
};

/** The server refused a field: the words say why and the field is marked. */
export const ServerError: Story = {
  loaders: libraryLoaders(0, {
    ai: () =>
      createMockGenerator({
        failWith: Object.assign(new Error('Seed must be at most 4294967295.'), {
          code: 'invalid_request',
          field: 'seed',
        }),
      }),
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Prompt' }), 'desert road');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Seed must be at most');
    // The refused field sits in the advanced settings, which open to show it: wait for that
    // rather than read it in the same tick (under load the section was not yet there).
    const seed = await canvas.findByRole('textbox', { name: 'Seed' });
    await waitFor(() => expect(seed).toHaveAttribute('aria-invalid', 'true'));
  },
};

/** The image server could not be reached. */
export const NetworkError: Story = {
  loaders: libraryLoaders(0, {
    ai: () =>
      createMockGenerator({
        failWith: Object.assign(new Error('fetch failed'), { code: 'network_error' }),
      }),
  }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Prompt' }), 'desert road');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Could not reach the image server',
    );
  },
};

/** Canceled midway: nothing was added. */
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

/** SDXL stops at 1024 px: the 1080 × 1920 preset is marked before anything is sent. */
export const SizeBeyondModelLimits: Story = {
  args: {
    initial: { model: 'replicate/sdxl', width: 1080, height: 1920, prompt: 'city tram at night' },
  },
  loaders: libraryLoaders(0, { ai: () => createMockGenerator() }),
  play: async ({ canvas }) => {
    if (remoteUrl) return;
    const size = await canvas.findByRole('combobox', { name: 'Size' });
    await waitFor(() => expect(size).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByText(/outside what SDXL can make/)).toBeVisible();
    await expect(canvas.getByLabelText('Cost estimate')).toHaveTextContent('$0.004');
  },
};

/** Advanced settings open, dark scheme. */
export const DarkMode: Story = {
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
};
