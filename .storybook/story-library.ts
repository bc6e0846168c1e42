// Story-only helpers: a fresh real library per story (real IndexedDB under a unique name, bytes
// in memory so stories stay fast and leave nothing behind) and seed data made in the browser.
import { createMediaLibrary, type MediaLibrary } from '@medialoft/media-library';
import { createMemoryBlobStore } from '../packages/media-library/src/core/storage/memory-blob-store';
import { drawImage } from './story-images';

const open = new Set<MediaLibrary>();

/** Options of {@link createStoryLibrary}. */
export interface StoryLibraryOptions {
  /** Delay every write of bytes by this many ms, to show an upload in progress. */
  slowWritesMs?: number;
  /** Skip thumbnails (the 10,000-asset story: its images are already thumbnail-sized). */
  thumbnails?: false;
}

/** A new library with a unique name; closed and its database deleted after the story. */
export function createStoryLibrary(options: StoryLibraryOptions = {}): MediaLibrary {
  const memory = createMemoryBlobStore();
  const delay = options.slowWritesMs;
  const blobStore = delay
    ? {
        ...memory,
        kind: 'memory',
        put: async (key: string, data: Blob) => {
          await new Promise((resolve) => setTimeout(resolve, delay));
          return memory.put(key, data);
        },
      }
    : memory;
  const library = createMediaLibrary({
    name: `story-${crypto.randomUUID()}`,
    blobStore,
    broadcast: false,
    ...(options.thumbnails === false ? { thumbnails: false } : {}),
  });
  open.add(library);
  return library;
}

/** Closes every story library and deletes its IndexedDB database. */
export function disposeStoryLibraries(): void {
  for (const library of open) {
    library.close();
    indexedDB.deleteDatabase(`medialoft:${library.name}`);
  }
  open.clear();
}

const subjects = [
  'red fox in snow',
  'lighthouse at dusk',
  'green tea on a wooden table',
  'city tram at night',
  'mountain lake, morning fog',
  'orange cat asleep',
  'desert road',
  'blue whale tail',
  'autumn forest path',
  'neon sign reading OPEN',
  'sunflowers field',
  'snowy cabin',
];
const tagSets = [
  ['nature', 'winter'],
  ['travel'],
  ['food'],
  ['city', 'night'],
  ['nature'],
  ['pets'],
];

/**
 * Adds `count` images: every third one as if an AI generator made it, tags and favorites
 * spread through them. Above 24 the pictures repeat (kept as separate assets). Everything goes
 * through the public importFiles, so 10,000 take about half a minute in Chromium.
 */
export async function seedLibrary(library: MediaLibrary, count: number): Promise<MediaLibrary> {
  await library.ready;
  const distinct = Math.min(count, 24);
  const size = count > 100 ? 96 : 320;
  const images = await Promise.all(
    Array.from({ length: distinct }, (_, i) =>
      drawImage(
        subjects[i % subjects.length] as string,
        size,
        Math.round(size * (i % 3 === 1 ? 1.25 : 0.75)),
      ),
    ),
  );
  const inputs = Array.from({ length: count }, (_, i) => {
    const subject = subjects[i % subjects.length] as string;
    const ai = i % 3 === 0;
    return {
      blob: images[i % distinct] as Blob,
      name: `${subject.replaceAll(/[^a-z]+/gi, '-').toLowerCase()}-${i + 1}.png`,
      tags: tagSets[i % tagSets.length],
      ...(ai
        ? {
            source: {
              type: 'ai' as const,
              provider: i % 2 ? 'replicate' : 'local',
              model: i % 2 ? 'flux-schnell' : 'placeholder',
              prompt: `${subject}, soft light, 35mm photo`,
              seed: 1000 + i,
              width: 1024,
              height: 1024,
              costUsd: i % 2 ? 0.003 : 0,
            },
          }
        : {}),
    };
  });
  // Batches keep one transaction from holding 10,000 records at once.
  for (let start = 0; start < inputs.length; start += 1000)
    await library.importFiles(inputs.slice(start, start + 1000), { keepDuplicates: true });
  const first = library.query({ limit: 3 }).items.map((a) => a.id);
  if (first.length) await library.update(first, { favorite: true });
  return library;
}
