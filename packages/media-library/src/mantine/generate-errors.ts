// The failure wording lives in the core so the headless generate form shares it; re-exported
// here, where the Mantine entry has always offered it.
export { type ExplainedError, explainGenerateError } from '../core/generate-errors';
