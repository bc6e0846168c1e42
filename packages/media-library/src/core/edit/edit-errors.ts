// Typed errors of making a new asset out of an existing one.
import { MediaLibraryError } from '../errors';

/** The generator has no `editImages`, or the asset is not an image the browser can edit. */
export class EditNotSupportedError extends MediaLibraryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('edit_unsupported', message, options);
    this.name = 'EditNotSupportedError';
  }
}

/** The image has more pixels than an in-browser transform takes. */
export class ImageTooLargeError extends MediaLibraryError {
  /** Pixels of the image (width × height). */
  readonly pixels: number;
  /** The most pixels a transform takes. */
  readonly maxPixels: number;
  constructor(pixels: number, maxPixels: number) {
    super(
      'image_too_large',
      `This image has ${pixels.toLocaleString('en')} pixels, more than the ` +
        `${maxPixels.toLocaleString('en')} a browser edit takes; ` +
        'edit a smaller copy, or pass a higher maxPixels if the devices using it have the memory.',
    );
    this.name = 'ImageTooLargeError';
    this.pixels = pixels;
    this.maxPixels = maxPixels;
  }
}
