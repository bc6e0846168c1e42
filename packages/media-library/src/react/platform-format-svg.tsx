// A platform format drawn over its image, the same in every preset: the shade over what the
// format leaves out, and the safe zone's dashed outline where the platform covers part of it.
// It fills the positioned box that holds the image; the box's look is the preset's.
import { type PlatformFormatPreview, platformFormatOverlay } from './use-export-for-platform';

/** The overlay of `preview` over an image of `size`, absolutely filling its container. */
export function PlatformFormatSvg({
  preview,
  size,
}: {
  preview: PlatformFormatPreview;
  size: { width: number; height: number };
}) {
  const { shade, safeZone, stroke } = platformFormatOverlay(preview, size);
  return (
    <svg
      viewBox={`0 0 ${size.width} ${size.height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
    >
      <path d={shade} fill="rgb(0 0 0 / 0.55)" fillRule="evenodd" data-part="outside" />
      {safeZone && (
        <rect
          data-part="safe-zone"
          x={safeZone.x}
          y={safeZone.y}
          width={safeZone.width}
          height={safeZone.height}
          fill="none"
          stroke="white"
          strokeWidth={stroke}
          strokeDasharray={`${stroke * 3} ${stroke * 2}`}
        />
      )}
    </svg>
  );
}
