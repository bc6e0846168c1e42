// Names the README examples suppose the reader already has, declared once so every example
// type-checks (scripts/check-readme-code.mjs). Keep them few and obvious; a name only one
// example needs belongs in that example as a `// @declare name: Type` line.

/** The library the app made with createMediaLibrary(). */
declare const library: import('@medialoft/media-library/core').MediaLibraryInstance;
/** The generator the app passes to MediaLibraryProvider. */
declare const ai: import('@medialoft/media-library/core').MediaAIGenerator;
/** The app's own root component. */
declare function App(): import('react').ReactNode;
/** An `<input type="file" multiple>` on the page. */
declare const fileInput: HTMLInputElement;
/** The controller whose signal cancels a long operation. */
declare const controller: AbortController;
/** The app's search text. */
declare const search: string;
/** Draws a progress fraction (0–1). */
declare function render(fraction: number): void;
/** Shows a progress percentage. */
declare function setProgress(percent: number | undefined): void;
/** Tries again after a delay. */
declare function retryIn(ms: number | undefined): void;
/** The host's session look-up. */
declare function getSession(request: Request): Promise<{ userId: string } | undefined>;
/** The host's billing. */
declare const billing: { record(userId: string | undefined, costUsd: number | undefined): void };
