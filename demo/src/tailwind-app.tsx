// The demo in the Tailwind preset, loaded (with its compiled stylesheet) only when it shows.
// Dark follows the system, Tailwind's default `dark` variant.
import './tailwind.css';
import {
  type MediaAIGenerator,
  type MediaLibrary,
  MediaLibraryProvider,
} from '@medialoft/media-library';
import { MediaLibraryScreen } from '@medialoft/media-library/tailwind';

export default function TailwindApp({
  library,
  ai,
  height,
}: {
  library: MediaLibrary;
  ai: MediaAIGenerator;
  height: string;
}) {
  return (
    <MediaLibraryProvider library={library} ai={ai}>
      <MediaLibraryScreen title="MediaLoft demo" height={height} />
    </MediaLibraryProvider>
  );
}
