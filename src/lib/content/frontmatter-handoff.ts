// Frontmatter the content check parsed, handed to the content loader in the same build.
// The build parses every write-up's YAML in the check and needs the same data again in
// the loader (about 0.9 ms a file, 9 s at 10,000 write-ups). Both run in one process but
// not in one module instance — Node imports astro.config.mjs and the check, Vite loads
// content.config.ts and the loader — so a module-level map would be two maps. Instead the
// check's integration offers the handoff through a custom hook of its own, and the loader
// finds it in the resolved Astro config it is given (context.config.integrations; Astro
// keeps an integration's hooks, custom ones included, and drops any other property).

/** The name of the content-check integration, by which the loader finds the handoff. */
export const CONTENT_CHECK_INTEGRATION = 'pacesetter:content-check';
/** The content check's custom hook that returns its handoff. */
export const FRONTMATTER_HANDOFF_HOOK = 'pacesetter:frontmatter-handoff';

export interface FrontmatterHandoff {
  /** Keeps a copy of the raw frontmatter data parsed from exactly this source text. */
  give(source: string, data: unknown): void;
  /** What was given for exactly this source, once (then forgotten); undefined if nothing was. */
  take(source: string): { data: unknown } | undefined;
  /** Forgets everything not taken. */
  clear(): void;
  readonly size: number;
}

export function createFrontmatterHandoff(): FrontmatterHandoff {
  const given = new Map<string, unknown>();
  return {
    give(source, data) {
      // A copy: nobody can change what the loader gets.
      given.set(source, structuredClone(data));
    },
    take(source) {
      if (!given.has(source)) return undefined;
      const data = given.get(source);
      given.delete(source);
      return { data };
    },
    clear() {
      given.clear();
    },
    get size() {
      return given.size;
    },
  };
}

/** What a custom hook of the content-check integration among `integrations` returns, if it is there. */
export function offeredByContentCheck<T>(
  integrations: readonly { name: string; hooks: Partial<Record<string, unknown>> }[],
  hookName: string,
): T | undefined {
  const hook = integrations.find((integration) => integration.name === CONTENT_CHECK_INTEGRATION)?.hooks[hookName];
  return typeof hook === 'function' ? (hook as () => T)() : undefined;
}

/** The handoff offered by the content-check integration among `integrations`, if it is there. */
export const findFrontmatterHandoff = (integrations: Parameters<typeof offeredByContentCheck>[0]) =>
  offeredByContentCheck<FrontmatterHandoff>(integrations, FRONTMATTER_HANDOFF_HOOK);
