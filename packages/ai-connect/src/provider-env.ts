// Which environment variable switches each hosted provider on. Kept apart from
// providers-from-env.ts so error messages can name the variable without loading any provider.

/** The variable holding each hosted provider's credential. The local provider needs none. */
export const providerCredentialEnv: Readonly<Record<string, string>> = {
  replicate: 'REPLICATE_API_TOKEN',
  openai: 'OPENAI_API_KEY',
  fal: 'FAL_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  bfl: 'BFL_API_KEY',
  together: 'TOGETHER_API_KEY',
  deepinfra: 'DEEPINFRA_API_KEY',
};
