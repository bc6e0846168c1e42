// Apart from the generation code, so a caller can tell a cancel from a failure without loading
// that code up front (see ai-generation-loader.ts).
import { MediaLibraryError } from './errors';

/** The generation was canceled through its signal; nothing was added to the library. */
export class GenerationCanceledError extends MediaLibraryError {
  constructor(options?: { cause?: unknown }) {
    super('canceled', 'The generation was canceled; nothing was added to the library.', options);
    this.name = 'GenerationCanceledError';
  }
}
