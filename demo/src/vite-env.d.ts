// Vite's client types: CSS side-effect imports and import.meta.env in the demo.
/// <reference types="vite/client" />
