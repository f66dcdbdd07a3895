import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // This example sits inside the library's repository: without this, Next takes the
  // repository's lock file for the workspace root.
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
