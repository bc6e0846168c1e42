// The social platforms' image formats: output sizes, the areas their apps cover with buttons
// and names (safe zones), and the cover crop that fits an image to one. Plain data and
// arithmetic, shared by exportForPlatform and every preview of it. The image server keeps the
// same names and sizes for its transform route; a test in server-adapter compares the two.
import { MediaLibraryError } from '../errors';
import type { CropRect } from './transform-asset';

/** The formats {@link exportForPlatform} knows, by name. */
export type PlatformFormatName =
  | 'instagram-square'
  | 'instagram-portrait'
  | 'instagram-story'
  | 'facebook-feed'
  | 'facebook-cover'
  | 'x-post'
  | 'x-header'
  | 'linkedin-feed'
  | 'youtube-thumbnail'
  | 'pinterest-pin';

/** Distances from each edge of the output, in its pixels. */
export interface PlatformInsets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** One platform format. */
export interface PlatformFormat {
  name: PlatformFormatName;
  /** What a person calls it, e.g. "Instagram story". */
  label: string;
  width: number;
  height: number;
  /**
   * How far in from each edge the platform's own interface may cover the image (profile
   * picture, buttons, captions, a phone's narrower view): keep text and faces inside. Zero where
   * the platform shows the whole image. Approximate, from the platforms' published guidance.
   */
  safeZone: PlatformInsets;
}

const none: PlatformInsets = { top: 0, right: 0, bottom: 0, left: 0 };

const FORMATS: readonly PlatformFormat[] = [
  { name: 'instagram-square', label: 'Instagram post', width: 1080, height: 1080, safeZone: none },
  {
    name: 'instagram-portrait',
    label: 'Instagram portrait',
    width: 1080,
    height: 1350,
    // The profile grid shows the middle 3:4 of a 4:5 post.
    safeZone: { top: 0, right: 68, bottom: 0, left: 67 },
  },
  {
    name: 'instagram-story',
    label: 'Instagram story',
    width: 1080,
    height: 1920,
    // The account name on top, the reply field at the bottom.
    safeZone: { top: 250, right: 0, bottom: 340, left: 0 },
  },
  { name: 'facebook-feed', label: 'Facebook post', width: 1200, height: 630, safeZone: none },
  {
    name: 'facebook-cover',
    label: 'Facebook cover',
    width: 820,
    height: 312,
    // Phones show the middle 640 pixels.
    safeZone: { top: 0, right: 90, bottom: 0, left: 90 },
  },
  { name: 'x-post', label: 'X post', width: 1200, height: 675, safeZone: none },
  {
    name: 'x-header',
    label: 'X header',
    width: 1500,
    height: 500,
    // Narrow screens cut the top and bottom; the profile picture sits over the lower left.
    safeZone: { top: 60, right: 0, bottom: 100, left: 0 },
  },
  { name: 'linkedin-feed', label: 'LinkedIn post', width: 1200, height: 628, safeZone: none },
  {
    name: 'youtube-thumbnail',
    label: 'YouTube thumbnail',
    width: 1280,
    height: 720,
    // The video's length is printed over the lower right corner.
    safeZone: { top: 0, right: 0, bottom: 80, left: 0 },
  },
  {
    name: 'pinterest-pin',
    label: 'Pinterest pin',
    width: 1000,
    height: 1500,
    // The save button and the pin's title overlay the bottom.
    safeZone: { top: 0, right: 0, bottom: 120, left: 0 },
  },
];

/** Every platform format, in the order a picker lists them. */
export function platformFormats(): readonly PlatformFormat[] {
  return FORMATS;
}

/**
 * The format called `name`.
 *
 * @throws {MediaLibraryError} `invalid_input` naming the known formats for any other name.
 */
export function platformFormat(name: string): PlatformFormat {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) {
    throw new MediaLibraryError(
      'invalid_input',
      `"${name}" is not a platform format; use one of ${FORMATS.map((f) => f.name).join(', ')}.`,
    );
  }
  return format;
}

/**
 * The largest centred area of a `sourceWidth` × `sourceHeight` image with the output's aspect
 * ratio, in whole source pixels: what a cover resize keeps (the rest is cut off).
 */
export function coverCrop(
  sourceWidth: number,
  sourceHeight: number,
  outputWidth: number,
  outputHeight: number,
): CropRect {
  // Compare cross products rather than ratios, so equal ratios take the whole image exactly.
  if (sourceWidth * outputHeight > sourceHeight * outputWidth) {
    const width = Math.max(
      1,
      Math.min(sourceWidth, Math.round((sourceHeight * outputWidth) / outputHeight)),
    );
    return { x: Math.floor((sourceWidth - width) / 2), y: 0, width, height: sourceHeight };
  }
  const height = Math.max(
    1,
    Math.min(sourceHeight, Math.round((sourceWidth * outputHeight) / outputWidth)),
  );
  return { x: 0, y: Math.floor((sourceHeight - height) / 2), width: sourceWidth, height };
}

/**
 * The format's safe zone as a rectangle in the source image's pixels, given the cover crop
 * `crop` of that image: where a preview draws the area the platform leaves uncovered.
 */
export function safeZoneInSource(format: PlatformFormat, crop: CropRect): CropRect {
  const scaleX = crop.width / format.width;
  const scaleY = crop.height / format.height;
  const { top, right, bottom, left } = format.safeZone;
  return {
    x: crop.x + left * scaleX,
    y: crop.y + top * scaleY,
    width: (format.width - left - right) * scaleX,
    height: (format.height - top - bottom) * scaleY,
  };
}
