// Where the browser tests find Chromium: Debian's package, or CHROMIUM_PATH.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Undefined when Chromium is there; otherwise what to do about it. */
export function missingChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return (
    `The browser tests (tests/e2e/) need Chromium and found none at ${CHROMIUM}.\n` +
    "Install it with npm run chromium (Debian's chromium and fonts-noto-cjk through apt-get) " +
    'or set CHROMIUM_PATH to a Chromium or Chrome binary. The unit and build tests run without it: ' +
    'npx vitest run --project unit --project build'
  );
}
