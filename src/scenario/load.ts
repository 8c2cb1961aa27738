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
import { expectedErrorMap, issuesToProblems, locate, located, parseText, pathIssuesToProblems, sortProblems, type LocatedProblem } from './locate.js';
import { ScenarioSchema, uniqueIdIssues, type Scenario } from './schema.js';

/**
 * Parses and validates a scenario. `file` is used only in messages. Missile references are
 * resolved against `catalog` (kind `missile`), with "did you mean" suggestions.
 * Returns the scenario with defaults filled in; throws UserError (all problems, sorted by
 * position) otherwise.
 */
export function parseScenario(text: string, file: string, catalog: Catalog): Scenario {
  const p = parseText(text, file);
  if (p.problems.length) throw new UserError(p.problems);
  const problems: LocatedProblem[] = [];
  const r = ScenarioSchema.safeParse(p.data, { error: expectedErrorMap, reportInput: true });
  if (!r.success) problems.push(...issuesToProblems(p, r.error.issues));
  problems.push(...pathIssuesToProblems(p, uniqueIdIssues(p.data)));
  // Catalog references, on the raw data so they are reported with the schema's problems.
  const threats = (p.data as { threats?: unknown } | null)?.threats;
  if (Array.isArray(threats)) {
    const known = catalog.ids('missile');
    threats.forEach((t, i) => {
      const m = t && typeof t === 'object' ? (t as Record<string, unknown>).missile : undefined;
      if (typeof m !== 'string' || catalog.has('missile', m)) return;
      const path = ['threats', i, 'missile'];
      const pos = locate(p, path);
      const msg =
        known.length === 0
          ? `found '${m}', but the catalog has no missile types`
          : `found '${m}', expected a missile type from the catalog${suggestion(m, known) || ` (one of ${known.join(', ')})`}`;
      problems.push(located(file, pos.line, pos.col, `threats[${i}].missile`, msg));
    });
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
