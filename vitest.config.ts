import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Card files use the automatic JSX runtime, as HubSpot's own card template does.
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Files run in parallel worker processes; each test builds its own in-memory world.
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
