// Public entry of @medialoft/media-library: the headless core and the React binding.
export * from './core/index';
export * from './react/index';
