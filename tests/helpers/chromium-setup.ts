// Vitest globalSetup of the e2e project: stop before any site is built when there is no browser.
import { missingChromium } from './chromium.ts';

export default function setup(): void {
  const missing = missingChromium();
  if (missing) throw new Error(missing);
}
