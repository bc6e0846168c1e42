// The size presets and request checks live in the core so the headless generate form shares
// them; re-exported here, where the Mantine entry has always offered them.
export {
  type FieldErrors,
  type GenerateField,
  type SizePreset,
  sizePresets,
  validateRequest,
} from '../core/generate-validation';
