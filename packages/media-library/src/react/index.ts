// The React binding: a provider and hooks over the core library instance.
export {};
