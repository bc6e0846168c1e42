import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'mantine/index': 'src/mantine/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: [
    'react',
    'react-dom',
    '@mantine/core',
    '@mantine/hooks',
    '@tanstack/react-virtual',
    'fflate',
  ],
});
