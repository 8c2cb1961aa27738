/**
 * Errors the user can cause and must be told about clearly.
 *
 * A `UserError` carries one or more `Problem`s, each saying where (a file, a path inside
 * it such as `threats[2].target.lat_deg`, a line and column when the format has them, or a
 * CLI flag such as `--from`), what was found and what was expected. The CLI prints one
 * line per problem and exits with code 2. Anything else that is thrown is a bug and
 * prints its stack trace.
 *
 * This module sits below every other folder (math included), so any layer can raise it.
 */
export interface Problem {
  /** Where: `file.yaml:12:5 threats[2].target.lat_deg`, `--from`, `catalog/missiles/x.yaml`. */
  where: string;
  /** What is wrong and what was expected, one sentence, no trailing period needed. */
  message: string;
}

export class UserError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

export function formatProblem(p: Problem): string {
  return p.where ? `${p.where}: ${p.message}` : p.message;
}

/** Shorthand for a single problem. */
export function userError(where: string, message: string): UserError {
  return new UserError({ where, message });
}

/** Closest candidates by edit distance, for "did you mean …" hints. */
export function didYouMean(found: string, candidates: readonly string[], max = 3): string[] {
  const scored = candidates
    .map((c) => ({ c, d: levenshtein(found.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.c.length / 2)) || x.c.toLowerCase().includes(found.toLowerCase()))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
  return scored.slice(0, max).map((x) => x.c);
}

/** Formats a "did you mean" suffix, empty when nothing is close. */
export function suggestion(found: string, candidates: readonly string[]): string {
  const near = didYouMean(found, candidates);
  return near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
}

function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}
