// A Server Component: the Mantine provider and the MediaLoft theme are set up here, once, as
// Mantine's Next.js guide does.
import '@mantine/core/styles.css';
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from '@mantine/core';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from '@medialoft/media-library/mantine';
import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'MediaLoft in Next.js',
  description: 'The MediaLoft library screen in a Next.js App Router app',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" {...mantineHtmlProps}>
      <head>
        <ColorSchemeScript />
      </head>
      <body>
        <MantineProvider
          theme={mediaLoftTheme}
          cssVariablesResolver={mediaLoftCssVariablesResolver}
        >
          {children}
        </MantineProvider>
      </body>
    </html>
  );
}
