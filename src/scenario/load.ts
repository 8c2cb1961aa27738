/**
 * Reading a scenario: YAML or JSON text → validated `Scenario`, or one UserError that lists
 * every problem at once, each located as `file:line:col path` with what was found and what
 * was expected (`japan.yaml:12:7 threats[2].target.lat_deg: found 95, expected a latitude
 * in [-90, 90] degrees`).
 *
 * Order: syntax errors stop everything (nothing else can be trusted); otherwise the schema,
 * the id-uniqueness check and the catalog references are all checked in one pass so the
 * user fixes every mistake in one round.
 */
import { suggestion, UserError } from '../errors.js';
import type { Catalog } from './catalog.js';
import { expectedErrorMap, formatPath, issuesToProblems, locate, located, parseText, pathIssuesToProblems, sortProblems, type LocatedProblem } from './locate.js';
import { catalogReferences, crossFieldIssues, ScenarioSchema, type Scenario } from './schema.js';

/**
 * Parses and validates a scenario. `file` is used only in messages. Catalog references
 * (threat missiles, radar types, battery interceptors: `catalogReferences`) are resolved
 * against `catalog`, with "did you mean" suggestions.
 * Returns the scenario with defaults filled in; throws UserError (all problems, sorted by
 * position) otherwise.
 */
export function parseScenario(text: string, file: string, catalog: Catalog): Scenario {
  const p = parseText(text, file);
  if (p.problems.length) throw new UserError(p.problems);
  const problems: LocatedProblem[] = [];
  const r = ScenarioSchema.safeParse(p.data, { error: expectedErrorMap, reportInput: true });
  if (!r.success) problems.push(...issuesToProblems(p, r.error.issues));
  problems.push(...pathIssuesToProblems(p, crossFieldIssues(p.data)));
  // Catalog references, on the raw data so they are reported with the schema's problems.
  for (const ref of catalogReferences(p.data)) {
    if (catalog.has(ref.kind, ref.id)) continue;
    const known = catalog.ids(ref.kind);
    const pos = locate(p, ref.path);
    const msg =
      known.length === 0
        ? `found '${ref.id}', but the catalog has no ${ref.kind} types`
        : `found '${ref.id}', expected ${ref.kind === 'interceptor' ? 'an' : 'a'} ${ref.kind} type from the catalog${suggestion(ref.id, known) || ` (one of ${known.join(', ')})`}`;
    problems.push(located(file, pos.line, pos.col, formatPath(ref.path), msg));
  }
  if (problems.length || !r.success) throw new UserError(sortProblems(problems));
  return r.data;
}

/** Number of missiles a scenario launches (threat entries times their salvo counts). */
export function missileCount(s: Scenario): number {
  let n = 0;
  for (const t of s.threats) n += t.count;
  return n;
}
