// Catches what the library's downloads hand the browser (the Blob behind the link and the
// link's name) instead of saving a file, so a story can check the bytes a person would get.
import { spyOn } from 'storybook/test';

/** A download the page started. */
export interface CaughtDownload {
  blob: Blob;
  name: string;
}

/** Starts catching downloads; `release` lets the browser save files again. */
export function catchDownloads(): { saved: CaughtDownload[]; release(): void } {
  const saved: CaughtDownload[] = [];
  const urls = new Map<string, Blob>();
  const create = URL.createObjectURL.bind(URL);
  const made = spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = create(blob as Blob);
    urls.set(url, blob as Blob);
    return url;
  });
  const click = spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function keep(
    this: HTMLAnchorElement,
  ) {
    const blob = urls.get(this.href);
    if (blob) saved.push({ blob, name: this.download });
  });
  return {
    saved,
    release() {
      made.mockRestore();
      click.mockRestore();
    },
  };
}
