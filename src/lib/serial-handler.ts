// Event emitters (a file watcher) call their listeners and never await them: an async
// listener's failure becomes an unhandled rejection (which stops a plain Node process),
// and two quick events run their listeners at the same time. This wraps an async listener so that
// its calls run one after another, in order, and a failure is reported, not thrown.

export type SerialHandler<A extends unknown[]> = ((...args: A) => void) & {
  /** Resolves when every call made so far has finished. */
  idle: () => Promise<void>;
};

export function serialHandler<A extends unknown[]>(
  handler: (...args: A) => Promise<void>,
  onError: (error: unknown, ...args: A) => void,
): SerialHandler<A> {
  let queue: Promise<void> = Promise.resolve();
  const wrapped = (...args: A): void => {
    queue = queue.then(async () => {
      try {
        await handler(...args);
      } catch (error) {
        onError(error, ...args);
      }
    });
  };
  return Object.assign(wrapped, { idle: () => queue });
}
