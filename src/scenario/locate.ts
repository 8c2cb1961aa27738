/**
 * From a path inside a YAML/JSON document to a line and column, and from zod issues to
 * user-facing problems (`file:line:col path: found …, expected …`).
 *
 * YAML 1.2 is a superset of JSON, so one parser (yaml 2, `parseDocument`) serves both and
 * keeps every node's source range. Lines and columns are 1-based, as in editors and
 * compilers (esbuild diagnostics).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { didYouMean, suggestion, type Problem } from '../errors.js';

/** A problem located in a file; `where` is `file:line:col path`. */
export interface LocatedProblem extends Problem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** `threats[2].target.lat_deg`; empty for the whole document. */
  path: string;
}

export type PathKey = string | number;

/** A parsed text: its document (for positions), its plain data, and syntax problems. */
export interface ParsedText {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
  problems: LocatedProblem[];
}

/**
 * Parses YAML or JSON text keeping source positions. Syntax errors (and duplicate keys)
 * become located problems; `data` is then undefined.
 */
export function parseText(text: string, file: string): ParsedText {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems: LocatedProblem[] = [];
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      const rest = text.slice(e.pos[0]).split('\n')[0];
      const key = (/^("[^"]*"|'[^']*'|[^:,{}]+?)\s*:/.exec(rest)?.[1] ?? rest).replace(/^["']|["']$/g, '');
      problems.push(located(file, pos.line, pos.col, '', `duplicate key '${key}'; expected each key once in a mapping`));
      continue;
    }
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push(located(file, pos.line, pos.col, '', `syntax error: ${lowerFirst(msg)}`));
  }
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push(located(file, 1, 1, '', `cannot read the document: ${(e as Error).message}`));
    }
  }
  return { file, doc, lines, data, problems };
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

/** Formats a path the way users write it: `threats[2].target.lat_deg`. */
export function formatPath(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(k)) s += s === '' ? k : `.${k}`;
    else s += `[${JSON.stringify(k)}]`;
  }
  return s;
}

/** Makes a located problem with `where` = `file:line:col path`. */
export function located(file: string, line: number, col: number, path: string, message: string): LocatedProblem {
  return { where: `${file}:${line}:${col}${path ? ' ' + path : ''}`, message, file, line, col, path };
}

/**
 * The source position of the node at `path`. With `key`, the position of the mapping key
 * itself (for unknown keys). When the path does not exist (a missing key) the deepest
 * existing ancestor is used, as a compiler points at the object that lacks a member.
 */
export function locate(p: ParsedText, path: readonly PathKey[], opts: { key?: boolean } = {}): { line: number; col: number } {
  let node: unknown = p.doc.contents;
  let best: unknown = node;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && keyOf(it.key) === String(k));
      if (!pair) break;
      if (last && opts.key && pair.key) {
        best = pair.key;
        break;
      }
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof k === 'number') {
      const item = node.items[k];
      if (item === undefined || item === null) break;
      node = item;
    } else break;
    best = node;
  }
  const off = rangeStart(best);
  return p.lines.linePos(off);
}

function keyOf(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

function rangeStart(n: unknown): number {
  const r = (n as Node | null | undefined)?.range;
  if (r) return r[0];
  return 0;
}

/** A short human rendering of a found value. */
export function describeFound(v: unknown): string {
  if (v === null) return 'an empty value';
  if (typeof v === 'string') {
    const s = v.length > 40 ? v.slice(0, 37) + '...' : v;
    return `'${s}'`;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (v instanceof Date) return `the date ${v.toISOString()}`;
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function getAt(data: unknown, path: readonly PathKey[]): { found: boolean; value: unknown } {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !(k in (cur as object))) return { found: false, value: undefined };
    cur = (cur as Record<PathKey, unknown>)[k];
  }
  return { found: true, value: cur };
}

const KNOWN = '\u0000known:';

/**
 * A per-parse zod error map: turns zod's generic issues into the *expected* half of a
 * message. Schema-level messages (set in schema.ts) take precedence over it. For unknown
 * keys it records the keys the object does know, so the formatter can suggest one.
 */
export function expectedErrorMap(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return expectedType(String(iss.expected));
    case 'too_small': {
      const min = String(iss.minimum);
      if (iss.origin === 'array') return `a list of at least ${min} item${min === '1' ? '' : 's'}`;
      if (iss.origin === 'string') return `a text of at least ${min} characters`;
      return `a value ${iss.inclusive ? '≥' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = String(iss.maximum);
      if (iss.origin === 'array') return `a list of at most ${max} items`;
      if (iss.origin === 'string') return `a text of at most ${max} characters`;
      return `a value ${iss.inclusive ? '≤' : '<'} ${max}`;
    }
    case 'invalid_value':
      return `one of ${iss.values.map((v) => `'${String(v)}'`).join(', ')}`;
    case 'invalid_union':
      if ('options' in iss && Array.isArray((iss as { options?: unknown[] }).options)) {
        return `one of ${(iss as { options: unknown[] }).options.map((v) => `'${String(v)}'`).join(', ')}`;
      }
      return 'a value matching one of the allowed forms';
    case 'unrecognized_keys': {
      const inst = iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined;
      const keys = Object.keys(inst?._zod?.def?.shape ?? {});
      return KNOWN + JSON.stringify(keys);
    }
    case 'invalid_format':
      return `a text in the format ${iss.format}`;
    default:
      return undefined;
  }
}

function expectedType(t: string): string {
  switch (t) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a text';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping of keys to values';
    case 'array':
      return 'a list';
    default:
      return `a value of type ${t}`;
  }
}

/**
 * Turns the issues of a `safeParse(data, { error: expectedErrorMap })` into located
 * problems: `found X, expected Y`, `missing key 'k'; expected Y`, or
 * `unknown key 'lunch'; did you mean 'launch'?` (one problem per unknown key, at the key).
 */
export function issuesToProblems(p: ParsedText, issues: readonly z.core.$ZodIssue[]): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  // A missing key explained by a misspelt one ('lunch' for 'launch') is reported once, as the
  // unknown key with its suggestion.
  const explained = new Set<string>();
  const missing = new Map<LocatedProblem, string>();
  for (const iss of issues) {
    const path = iss.path.filter((k): k is PathKey => typeof k !== 'symbol');
    if (iss.code === 'unrecognized_keys') {
      const known: string[] = iss.message.startsWith(KNOWN) ? (JSON.parse(iss.message.slice(KNOWN.length)) as string[]) : [];
      for (const k of iss.keys) {
        const kp = [...path, k];
        const pos = locate(p, kp, { key: true });
        const hint = suggestion(k, known);
        const best = didYouMean(k, known, 1)[0];
        if (best !== undefined) explained.add(formatPath([...path, best]));
        const msg = hint
          ? `unknown key '${k}'${hint}`
          : `unknown key '${k}'; expected one of ${known.map((x) => `'${x}'`).join(', ')}`;
        out.push(located(p.file, pos.line, pos.col, formatPath(kp), msg));
      }
      continue;
    }
    const at = getAt(p.data, path);
    const pos = locate(p, path);
    const expected = iss.message;
    let msg: string;
    if (!at.found && path.length > 0) {
      msg = `missing key '${String(path[path.length - 1])}'; expected ${expected}`;
    } else if (path.length === 0 && (at.value === null || at.value === undefined)) {
      msg = `the file is empty; expected ${expected}`;
    } else {
      msg = `found ${describeFound(at.value)}, expected ${expected}`;
      const choices = choicesOf(iss);
      if (typeof at.value === 'string' && choices.length) msg += suggestion(at.value, choices);
    }
    const q = located(p.file, pos.line, pos.col, formatPath(path), msg);
    if (!at.found && path.length > 0) missing.set(q, q.path);
    out.push(q);
  }
  return out.filter((q) => !(missing.has(q) && explained.has(q.path)));
}

function choicesOf(iss: z.core.$ZodIssue): string[] {
  if (iss.code === 'invalid_value') return iss.values.map(String);
  const opts = (iss as { options?: unknown }).options;
  if (iss.code === 'invalid_union' && Array.isArray(opts)) return opts.map(String);
  return [];
}

/** Located problems for cross-field issues that already carry their full message. */
export function pathIssuesToProblems(p: ParsedText, issues: readonly { path: PathKey[]; message: string }[]): LocatedProblem[] {
  return issues.map((iss) => {
    const pos = locate(p, iss.path);
    return located(p.file, pos.line, pos.col, formatPath(iss.path), iss.message);
  });
}

/** Sorts problems by line then column, keeping the order of equal positions. */
export function sortProblems<T extends LocatedProblem>(ps: T[]): T[] {
  return ps
    .map((q, i) => ({ q, i }))
    .sort((a, b) => a.q.line - b.q.line || a.q.col - b.q.col || a.i - b.i)
    .map((x) => x.q);
}
