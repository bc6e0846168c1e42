// Tailwind CSS v4 through its Vite plugin, and /api proxied to the image server so the browser
// talks to one origin and never sees a key.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const proxy = {
  '/api': { target: process.env.MEDIALOFT_API_ORIGIN ?? 'http://127.0.0.1:8787' },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { proxy },
  preview: { proxy },
});
