// The Tailwind preset's storage meter over a real seeded library, light and dark.
import { StorageMeter } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';

const meta = {
  title: 'Tailwind/StorageMeter',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(3),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="max-w-xs p-4">
        <StorageMeter />
      </div>
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Counts the seeded assets and offers to keep the files; Tailwind's classes are applied. */
export const Light: Story = {
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('region', { name: 'Storage' });
    await expect(meter).toHaveTextContent('3 assets');
    await expect(canvas.getByRole('progressbar', { name: 'Storage used' })).toBeInTheDocument();
    // The stylesheet reached the page: the heading is bold through a utility class.
    await expect(
      getComputedStyle(canvas.getByRole('heading', { name: 'Storage' })).fontWeight,
    ).toBe('600');
  },
};

/** The same in the dark scheme: the surface turns dark through the `dark` variant. */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvasElement }) => {
    const surface = canvasElement.querySelector('.dark > div');
    if (!surface) throw new Error('The dark wrapper is missing.');
    // zinc-950 is oklch(14.1% 0.005 285.823): a near-black background, not white.
    await expect(getComputedStyle(surface).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
    await expect(getComputedStyle(surface).backgroundColor).toMatch(
      /oklch\(0\.14|lab\(|rgb\(9, 9, 11\)/,
    );
  },
};
