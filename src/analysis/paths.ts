/**
 * Scenario parameter paths: the numeric knobs a sweep or a saturation search turns.
 *
 * A path is written the way users read scenario files: `threats[0].count`,
 * `batteries[1].inventory`, `doctrine.kill_assessment.p_correct_kill`, `analytic.sspk`. The valid
 * paths of a scenario are (a) every number the scenario schema (src/scenario/schema.ts) allows at a
 * place the file has — present or not, so `batteries[0].max_salvo` may be set even when absent —
 * and (b) every number written in a top-level section the schema does not know (such as the
 * `analytic:` section read by the analytic replica model). Two named shortcuts act on several
 * places at once:
 *
 * - `raid_size = N`: the total number of missiles. N is shared out over the threat entries in
 *   proportion to their counts in the scenario (c_i / Σc), by the largest-remainder (Hamilton)
 *   method: entry i gets ⌊N c_i / Σc⌋, and the missiles left over go one each to the entries with
 *   the largest remainders (ties: the earlier entry). Entries allotted 0 are removed. So N = Σc gives
 *   the scenario back, and an entry's k-th missile keeps its id (`<threat id>/<k>`) and therefore
 *   its random streams whatever N is: common random numbers across raid sizes.
 * - `inventory = I`: every battery's `inventory` is set to I.
 *
 * Variants are made by editing the YAML document (yaml 2 `Document.setIn`), so comments and the
 * layout of the rest of the file survive, and then checking every changed place against the
 * scenario schema: a value the schema refuses is reported as the schema's own located problem.
 */
import { parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { suggestion, userError, UserError, type Problem } from '../errors.js';
import { expectedErrorMap, formatPath, issuesToProblems, parseText, ScenarioSchema, type PathKey } from '../scenario/index.js';

/** Named shortcuts, in the order `--list-paths` shows them. */
export const SHORTCUTS = ['raid_size', 'inventory'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

/** A parsed parameter: a shortcut or a path into the scenario. */
export type ParamPath = { kind: 'shortcut'; name: Shortcut; text: string } | { kind: 'path'; keys: PathKey[]; text: string };

/** One parameter set to one value. */
export interface Setting {
  param: ParamPath;
  value: number;
}

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  defaultValue?: unknown;
  values?: unknown[];
}

function defOf(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional/default/prefault/nullable/readonly/pipe wrappers; returns the core and a default. */
function unwrap(s: AnySchema): { core: AnySchema; dflt: unknown } {
  let cur = s;
  let dflt: unknown;
  for (;;) {
    const d = defOf(cur);
    if ((d.type === 'default' || d.type === 'prefault') && d.innerType) {
      if (dflt === undefined) dflt = d.defaultValue;
      cur = d.innerType;
    } else if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'catch') && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return { core: cur, dflt };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walkSchema(s: AnySchema, data: unknown, path: PathKey[], out: PathKey[][]): void {
  const { core, dflt } = unwrap(s);
  const d = defOf(core);
  const v = data === undefined ? dflt : data;
  switch (d.type) {
    case 'number':
      out.push(path);
      return;
    case 'object':
      for (const [k, sub] of Object.entries(d.shape ?? {})) walkSchema(sub, isRecord(v) ? v[k] : undefined, [...path, k], out);
      return;
    case 'array':
      if (Array.isArray(v) && d.element) v.forEach((item, i) => walkSchema(d.element!, item, [...path, i], out));
      return;
    case 'union': {
      if (!isRecord(v) || !d.discriminator) return;
      const key = d.discriminator;
      for (const opt of d.options ?? []) {
        const lit = defOf(unwrap(defOf(opt).shape?.[key] ?? opt).core);
        if (lit.type === 'literal' && lit.values?.includes(v[key])) {
          walkSchema(opt, v, path, out);
          return;
        }
      }
      return;
    }
    default:
      return;
  }
}

function walkData(v: unknown, path: PathKey[], out: PathKey[][]): void {
  if (typeof v === 'number') out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkData(x, [...path, i], out));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walkData(x, [...path, k], out);
}

/**
 * Every numeric path of a scenario's data (see the module comment), formatted
 * (`threats[0].count`), in file order of the schema. `seed` is left out: the campaign seed is
 * `--seed`.
 */
export function scenarioParamPaths(data: unknown): string[] {
  const out: PathKey[][] = [];
  walkSchema(ScenarioSchema, data, [], out);
  const known = new Set(Object.keys(defOf(ScenarioSchema).shape ?? {}));
  if (isRecord(data)) for (const [k, v] of Object.entries(data)) if (!known.has(k)) walkData(v, [k], out);
  return out.map(formatPath).filter((p) => p !== 'seed');
}

/** Parses `threats[0].target.lat_deg` into keys; null when malformed. */
export function parsePathText(s: string): PathKey[] | null {
  const keys: PathKey[] = [];
  const re = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\])/;
  let rest = s.trim();
  if (rest === '' || rest.startsWith('.') || rest.startsWith('[')) return null;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) return null;
    keys.push(m[1] !== undefined ? m[1] : Number(m[2]));
    rest = rest.slice(m[0].length);
  }
  return keys;
}

/**
 * Resolves a parameter name for a scenario: a shortcut or one of `scenarioParamPaths(data)`.
 * UserError naming `where` otherwise, with "did you mean" and the shortcuts.
 */
export function resolveParam(text: string, data: unknown, where: string): ParamPath {
  const name = text.trim();
  if ((SHORTCUTS as readonly string[]).includes(name)) {
    const sc = name as Shortcut;
    if (sc === 'inventory' && !(isRecord(data) && Array.isArray(data.batteries) && data.batteries.length > 0)) {
      throw userError(where, "found 'inventory', but the scenario has no batteries; expected a scenario with at least one battery, or another parameter");
    }
    return { kind: 'shortcut', name: sc, text: name };
  }
  const valid = scenarioParamPaths(data);
  const keys = parsePathText(name);
  if (keys && valid.includes(formatPath(keys))) return { kind: 'path', keys, text: formatPath(keys) };
  const candidates = [...SHORTCUTS, ...valid];
  const hint = suggestion(name, candidates);
  const sample = valid.slice(0, 6).join(', ');
  throw userError(
    where,
    `found '${name}', expected a numeric scenario parameter${hint}; valid: the shortcuts ${SHORTCUTS.join(', ')} or one of ${valid.length} paths (${sample}${valid.length > 6 ? ', …' : ''}; --list-paths prints them all)`,
  );
}

/** Total missiles of a scenario's data (threat counts, default 1). */
export function raidSizeOf(data: unknown): number {
  if (!isRecord(data) || !Array.isArray(data.threats)) return 0;
  let n = 0;
  for (const t of data.threats) n += isRecord(t) && typeof t.count === 'number' ? t.count : 1;
  return n;
}

/**
 * Largest-remainder (Hamilton) apportionment of `total` over `weights` (see the module comment):
 * ⌊total·w_i/W⌋ each, the rest one each to the largest remainders, ties to the lower index.
 * Computed in exact integer arithmetic (weights are whole numbers).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const W = weights.reduce((a, b) => a + b, 0);
  if (W <= 0) throw new RangeError('apportion: weights must sum to > 0');
  const base = weights.map((w) => Math.floor((total * w) / W));
  const rem = weights.map((w, i) => ({ i, r: total * w - base[i] * W }));
  let left = total - base.reduce((a, b) => a + b, 0);
  rem.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) base[rem[k].i] += 1;
  return base;
}

function applyOne(doc: Document, data: unknown, s: Setting): PathKey[][] {
  const p = s.param;
  if (p.kind === 'path') {
    doc.setIn(p.keys, s.value);
    return [p.keys];
  }
  if (p.name === 'inventory') {
    const n = isRecord(data) && Array.isArray(data.batteries) ? data.batteries.length : 0;
    const changed: PathKey[][] = [];
    for (let i = 0; i < n; i++) {
      doc.setIn(['batteries', i, 'inventory'], s.value);
      changed.push(['batteries', i, 'inventory']);
    }
    return changed;
  }
  // raid_size
  const threats = isRecord(data) && Array.isArray(data.threats) ? data.threats : [];
  if (!Number.isInteger(s.value) || s.value < 1) throw userError('raid_size', `found ${s.value}, expected a whole number of missiles ≥ 1`);
  if (threats.length === 0) throw userError('raid_size', 'the scenario has no threats to scale; expected at least one threat entry');
  const counts = threats.map((t) => (isRecord(t) && typeof t.count === 'number' && t.count > 0 ? t.count : 1));
  const alloc = apportion(s.value, counts);
  const changed: PathKey[][] = [];
  for (let i = alloc.length - 1; i >= 0; i--) {
    if (alloc[i] === 0) doc.deleteIn(['threats', i]);
  }
  let j = 0;
  for (let i = 0; i < alloc.length; i++) {
    if (alloc[i] === 0) continue;
    if (alloc[i] !== counts[i]) doc.setIn(['threats', j, 'count'], alloc[i]); // unchanged counts stay as written (or absent)
    changed.push(['threats', j, 'count']);
    j++;
  }
  return changed;
}

function startsWith(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/** A scenario variant: its text and what was set. */
export interface Variant {
  text: string;
  settings: Setting[];
}

/**
 * The scenario text with `settings` applied in order (see the module comment). Every place changed
 * is checked against the scenario schema; problems there throw one UserError located in the variant
 * text (`file:line:col path: found …, expected …`), prefixed by the settings that caused them.
 * Problems elsewhere in the file are left to the replica model that reads it.
 */
export function applySettings(text: string, file: string, settings: readonly Setting[]): Variant {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const p = parseText(text, file);
    throw new UserError(p.problems);
  }
  const changed: PathKey[][] = [];
  for (const s of settings) {
    const data = doc.toJS() as unknown;
    try {
      changed.push(...applyOne(doc, data, s));
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw userError(s.param.text, `cannot set ${s.value} here: ${(e as Error).message}`);
    }
  }
  const out = doc.toString({ lineWidth: 0 });
  const label = settings.map((s) => `${s.param.text}=${s.value}`).join(', ');
  const p = parseText(out, file);
  if (p.problems.length) throw new UserError(p.problems);
  const r = ScenarioSchema.safeParse(p.data, { error: expectedErrorMap, reportInput: true });
  if (!r.success) {
    const mine = r.error.issues.filter((iss) => {
      const path = iss.path.filter((k): k is PathKey => typeof k !== 'symbol');
      return iss.code !== 'unrecognized_keys' && changed.some((c) => startsWith(path, c));
    });
    if (mine.length) {
      const problems: Problem[] = issuesToProblems(p, mine).map((q) => ({ where: q.where, message: `${q.message} (variant ${label})` }));
      throw new UserError(problems);
    }
  }
  return { text: out, settings: [...settings] };
}

/** Reads the data of a scenario text (UserError with located syntax problems). */
export function scenarioData(text: string, file: string): unknown {
  const p = parseText(text, file);
  if (p.problems.length) throw new UserError(p.problems);
  return p.data;
}
