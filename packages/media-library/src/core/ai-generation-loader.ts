// The generation code (running the generator, naming and describing its images for the import)
// loads on the first generation, so a page that never generates does not download or parse it.
type AIGeneration = typeof import('./ai-generation');

let generation: Promise<AIGeneration> | undefined;

/**
 * The generation module, loaded once per page. A load that fails (say the app went offline
 * after a deploy) rejects with the loader's error and is tried again on the next call.
 */
export function loadAIGeneration(): Promise<AIGeneration> {
  generation ??= import('./ai-generation').catch((error: unknown) => {
    generation = undefined;
    throw error;
  });
  return generation;
}
