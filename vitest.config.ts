import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Build and browser tests build whole sites; give them room, but keep unit tests fast.
    testTimeout: 20_000,
    hookTimeout: 300_000,
    // Build tests share the machine's two cores; running files one at a time keeps them predictable.
    fileParallelism: false,
  },
});
