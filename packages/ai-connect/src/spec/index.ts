// The provider-neutral spec: the image-model interface and the typed errors.
export * from './errors';
export * from './image-model';
