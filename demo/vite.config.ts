// The demo's Vite config: workspace packages from source, and `/api` proxied to the image
// server so the browser talks to one origin and never needs a key or CORS.
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type ProxyOptions } from 'vite';

/** Where the image server listens; `scripts/demo.mjs` sets it when it picks another port. */
const apiOrigin = process.env.MEDIALOFT_API_ORIGIN ?? 'http://127.0.0.1:8787';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiOrigin, changeOrigin: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Tailwind compiles src/tailwind.css, which only the Tailwind preset's lazy chunk imports.
  plugins: [react(), tailwindcss()],
  resolve: { conditions: ['@medialoft/source', ...defaultClientConditions] },
  // Provider keys live in demo/.env.local for the server only. Vite reads no .env file at all
  // and exposes only variables with a prefix no key is ever given, so none reaches a bundle.
  envDir: false,
  envPrefix: 'MEDIALOFT_DEMO_PUBLIC_',
  server: { proxy },
  preview: { proxy },
  // React, Mantine and the library in one chunk is about 700 kB: fine for a demo on localhost.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
