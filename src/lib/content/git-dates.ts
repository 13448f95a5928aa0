// The date of the last commit that touched each content file, read with one
// `git log` for the whole folder (one process, not one per file). Outside git,
// or in a shallow clone whose history would give wrong dates, it returns nothing
// and pages simply leave the date out.
import { spawnSync } from 'node:child_process';

export function lastCommitDates(root: string, folder = 'content'): Map<string, string> {
  const dates = new Map<string, string>();
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const shallow = git(['rev-parse', '--is-shallow-repository']);
  if (shallow.status !== 0 || shallow.stdout.trim() !== 'false') return dates;
  // --relative: paths relative to root even when root is a subfolder of the repository.
  const log = git(['log', '--format=%x00%cs', '--name-only', '--relative', '--', folder]);
  if (log.status !== 0) return dates;
  let date = '';
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('\0')) date = line.slice(1);
    // Newest commits come first, so the first date seen for a file is its last change.
    else if (line && !dates.has(line)) dates.set(line, date);
  }
  return dates;
}
