// The content report as the error overlay of `astro dev` shows it: every problem,
// not Astro's first one. Astro renders the message itself (escaping it as HTML),
// in a box that keeps line breaks.
import { formatReport, type ContentProblem } from './problems.ts';

export interface OverlayError {
  name: string;
  title: string;
  message: string;
  hint: string;
  stack: string;
}

/** The payload of a Vite `{ type: 'error', err }` message listing every problem. */
export function contentOverlayError(problems: readonly ContentProblem[]): OverlayError {
  const report = formatReport([...problems]);
  return {
    name: 'ContentProblems',
    title: 'The content has problems',
    message: report,
    hint: 'Fix the files listed and save: the list updates, and the page reloads once no error is left. npm run check prints the same list.',
    stack: '',
  };
}
