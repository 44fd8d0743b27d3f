import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Narrow on purpose: a broad glob can wander into node_modules for minutes.
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests that spawn the CLI or HTTP servers share two cores; files run in parallel, tests within a file in order.
    maxWorkers: 2,
  },
});
