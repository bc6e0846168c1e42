// The demo in the Tailwind preset, loaded (with its compiled stylesheet) only when it shows.
// Dark follows the system, Tailwind's default `dark` variant.
import './tailwind.css';
import {
  type MediaAIGenerator,
  type MediaLibrary,
  MediaLibraryProvider,
  useAssets,
} from '@medialoft/media-library';
import { AssetGridView, GeneratePanel, StorageMeter } from '@medialoft/media-library/tailwind';
import { useState } from 'react';

function Screen({ height }: { height: string }) {
  const { items } = useAssets();
  const [selection, setSelection] = useState<string[]>([]);
  return (
    <div
      className="grid grid-cols-[20rem_1fr] gap-4 bg-white p-4 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
      style={{ height }}
    >
      <aside className="flex flex-col gap-4 overflow-y-auto">
        <h1 className="text-xl font-semibold">MediaLoft demo</h1>
        <StorageMeter />
        <GeneratePanel />
      </aside>
      <main className="min-h-0">
        <AssetGridView assets={items} selection={selection} onSelectionChange={setSelection} />
      </main>
    </div>
  );
}

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
      <Screen height={height} />
    </MediaLibraryProvider>
  );
}
