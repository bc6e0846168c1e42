// The Replicate provider's public surface.

export { replicateEditModelCatalog } from './replicate-edit-catalog';
export { ReplicateImageModel } from './replicate-image-model';
export type { ReplicateProviderSettings } from './replicate-provider';
export { createReplicate, REPLICATE_OUTPUT_HOSTS, replicate } from './replicate-provider';
