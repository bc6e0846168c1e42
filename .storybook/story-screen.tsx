// What the stories of the whole screen share: one meta (the screen at full height over the
// loaded library), the steps that start a generation and close its dialog, a 360×740 phone
// and a 1280×800 desktop viewport, and checks that an element is on screen rather than cut off
// or scrolled aside, and big enough for a finger.
import { MediaLibraryScreen } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { WithLibrary } from './story-providers';

/** The meta of a story file about the whole screen. */
export type ScreenMeta = Meta<typeof MediaLibraryScreen>;

/** Spread into a screen story file's meta, next to its own `title`. */
export const screenMeta = {
  component: MediaLibraryScreen,
  args: { height: '100vh' },
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <MediaLibraryScreen {...args} />
    </WithLibrary>
  ),
} satisfies ScreenMeta;

/** The context a screen story's play function gets. */
export type ScreenPlayContext = Parameters<NonNullable<StoryObj<typeof screenMeta>['play']>>[0];

/** Opens the dialog from the header, starts `prompt`, waits for its bar, closes the dialog. */
export async function startThenClose(
  { canvas, userEvent }: Pick<ScreenPlayContext, 'canvas' | 'userEvent'>,
  prompt: string,
): Promise<void> {
  await canvas.findByRole('grid', { name: 'Assets' });
  await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Generate images' }));
  await userEvent.type(dialog.getByRole('textbox', { name: 'Prompt' }), prompt);
  await userEvent.click(dialog.getByRole('button', { name: 'Generate' }));
  await dialog.findByRole('progressbar', { name: 'Generation progress' });
  await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

/**
 * A story's parameters and globals for a real page of `width`×`height`: the test runner sizes
 * its page from the viewport global, so media queries and measured widths see that size.
 */
function onViewport(key: string, name: string, width: number, height: number) {
  return {
    parameters: {
      viewport: {
        options: { [key]: { name, styles: { width: `${width}px`, height: `${height}px` } } },
      },
    },
    globals: { viewport: { value: key, isRotated: false } },
  };
}

/** A real 360×740 page: a phone. */
export const onPhone = onViewport('phone360', 'Phone, 360 px', 360, 740);

/** A real 1280×800 page: a laptop, wider than every breakpoint of the theme. */
export const onDesktop = onViewport('desktop1280', 'Desktop, 1280 px', 1280, 800);

/** Fails unless `element` shows and lies wholly inside the page's width, left to right. */
export async function expectOnScreen(element: HTMLElement): Promise<void> {
  await expect(element).toBeVisible();
  const { left, right } = element.getBoundingClientRect();
  await expect(left).toBeGreaterThanOrEqual(0);
  await expect(right).toBeLessThanOrEqual(document.documentElement.clientWidth);
}

/** Fails if the page can be scrolled sideways. */
export async function expectNoSidewaysScroll(): Promise<void> {
  const page = document.documentElement;
  await expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth);
}

/**
 * Fails unless `element` is at least `min` CSS px wide and high, a target a finger can hit
 * (WCAG 2.2 asks for 24 at least; 44 is comfortable). A control inside a label counts by the
 * label, which takes its taps.
 */
export async function expectTargetSize(element: HTMLElement, min = 24): Promise<void> {
  const { width, height } = (element.closest('label') ?? element).getBoundingClientRect();
  const name = element.getAttribute('aria-label') ?? element.textContent;
  const size = `"${name}" is ${width.toFixed(1)}×${height.toFixed(1)} px`;
  await expect(Math.min(width, height), size).toBeGreaterThanOrEqual(min);
}
