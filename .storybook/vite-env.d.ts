// Environment variables Storybook exposes to stories (only STORYBOOK_-prefixed ones).
interface ImportMetaEnv {
  /** Base URL of an image server (e.g. http://localhost:8787/api/ai) for mode B. */
  readonly STORYBOOK_AI_GENERATE_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
