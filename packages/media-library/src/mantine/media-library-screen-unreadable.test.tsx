// @vitest-environment happy-dom
// A damaged file uploaded on the screen: the batch summary names it, its grid cell says it
// can't be shown (never a broken image), and a good file of the same batch shows as usual.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UNREADABLE_TEXT } from './asset-thumbnail';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

/** Bytes that match no signature and are not text. */
function noise(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = i % 8 === 0 ? 0 : (i * 71 + 13) % 256;
  return bytes;
}

describe('MediaLibraryScreen with a damaged upload', { timeout: 20_000 }, () => {
  it('says the file can not be shown, in the summary and in its cell', async () => {
    const { user } = renderPreset(<MediaLibraryScreen height={800} />);
    await screen.findByText('Your library is empty');
    const input = screen.getByLabelText('Files to upload') as HTMLInputElement;
    await user.upload(input, [
      new File([noise(2048)], 'corrupted.jpg', { type: 'image/jpeg' }),
      pngFile(1, 'good.png'),
    ]);

    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain(
      "1 imported file can't be shown and may be damaged (corrupted.jpg).",
    );
    const grid = screen.getByRole('grid', { name: 'Assets' });
    const damaged = await within(grid).findByRole('gridcell', { name: 'corrupted.jpg' });
    expect(within(damaged).getByRole('img', { name: UNREADABLE_TEXT })).toBeTruthy();
    expect(damaged.querySelector('[data-status="unreadable"]')).toBeTruthy();
    expect(damaged.querySelector('img')).toBeNull();
    const good = within(grid).getByRole('gridcell', { name: 'good.png' });
    await waitFor(() => expect(good.querySelector('[data-status="ready"]')).toBeTruthy());
  });
});
