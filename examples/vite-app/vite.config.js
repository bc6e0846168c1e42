// The browser talks to one origin: /api goes through Vite's proxy to the image server, so it
// needs no CORS and never sees a key.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const proxy = {
  '/api': { target: process.env.MEDIALOFT_API_ORIGIN ?? 'http://127.0.0.1:8787' },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
