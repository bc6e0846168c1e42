import type { NextConfig } from 'next';

// As create-next-app 16 writes it: Cache Components on. No serverExternalPackages entry is
// needed for the image server: sharp is on Next's built-in external list.
const nextConfig: NextConfig = {
  /* config options here */
  cacheComponents: true,
  partialPrefetching: true,
};

export default nextConfig;
