/**
 * The plain-text WTA instance format used in the literature's public instance sets (e.g. the
 * instances of Andersen, Pavlikov & Toffolo, "Weapon-target assignment problem: exact and
 * approximate solution algorithms", Annals of Operations Research, 2022,
 * doi:10.1007/s10479-022-04525-6, github.com/tuliotoffolo/wta, data/wta_<m>x<n>x<mu>.txt):
 *
 *     m n mu            first non-blank line: weapons, targets, shots per weapon
 *     v_0               then n lines, one target value each
 *     …
 *     i j p             then any number of lines: weapon i (0-based) kills target j with probability p
 *
 * Pairs that are not listed have p = 0. Blank lines are ignored. Tokens are separated by spaces or
 * tabs. The parser reports every problem at once, each as `file:line: found …, expected …`.
 */
import { UserError, type Problem } from '../errors.js';
import type { WtaProblem } from './wta.js';

function isInt(s: string): boolean {
  return /^[+]?\d+$/.test(s);
}

function num(s: string): number {
  // Number('') is 0 and Number('0x10') is 16: accept only decimal notation.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/**
 * Parses the text of a WTA instance. `file` names it in the messages. Throws a UserError listing
 * every problem: bad header, missing or bad values, bad pair lines (token count, indices out of
 * range, p outside [0, 1]), duplicate pairs.
 */
export function parseWta(text: string, file: string): WtaProblem {
  const problems: Problem[] = [];
  const add = (line: number, message: string): void => {
    problems.push({ where: `${file}:${line}`, message });
  };
  const lines = text.split(/\r?\n/);
  let li = 0;
  const next = (): { no: number; tok: string[] } | null => {
    while (li < lines.length) {
      const t = lines[li].trim();
      li++;
      if (t !== '') return { no: li, tok: t.split(/[ \t]+/) };
    }
    return null;
  };
  const head = next();
  if (!head) throw new UserError({ where: file, message: 'found an empty file, expected a first line "m n mu"' });
  const [ms, ns, mus] = head.tok;
  if (head.tok.length !== 3 || !isInt(ms) || !isInt(ns) || !isInt(mus)) {
    add(head.no, `found '${head.tok.join(' ')}', expected three whole numbers "m n mu" (weapons, targets, shots per weapon)`);
    throw new UserError(problems);
  }
  const m = Number(ms);
  const n = Number(ns);
  const mu = Number(mus);
  if (n < 1) add(head.no, `found n = ${n} targets, expected at least 1`);
  if (m * n > 50_000_000) add(head.no, `found m·n = ${m * n} pairs, expected at most 50 000 000`);
  if (problems.length) throw new UserError(problems);
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const l = next();
    if (!l) {
      add(lines.length, `found end of file after ${j} target values, expected ${n} (one per line)`);
      throw new UserError(problems);
    }
    const v = l.tok.length === 1 ? num(l.tok[0]) : NaN;
    if (!(v >= 0) || !Number.isFinite(v)) add(l.no, `found '${l.tok.join(' ')}' for the value of target ${j}, expected one finite number ≥ 0`);
    else values[j] = v;
  }
  const p = new Float64Array(m * n);
  const seen = new Uint8Array(m * n);
  for (let l = next(); l; l = next()) {
    if (l.tok.length !== 3) {
      add(l.no, `found '${l.tok.join(' ')}', expected "i j p" (weapon, target, kill probability)`);
      continue;
    }
    const [is, js, ps] = l.tok;
    let ok = true;
    if (!isInt(is) || Number(is) >= m) {
      add(l.no, `found weapon '${is}', expected a whole number in [0, ${m - 1}]`);
      ok = false;
    }
    if (!isInt(js) || Number(js) >= n) {
      add(l.no, `found target '${js}', expected a whole number in [0, ${n - 1}]`);
      ok = false;
    }
    const pv = num(ps);
    if (!(pv >= 0 && pv <= 1)) {
      add(l.no, `found kill probability '${ps}', expected a number in [0, 1]`);
      ok = false;
    }
    if (!ok) continue;
    const k = Number(is) * n + Number(js);
    if (seen[k]) {
      add(l.no, `found a second line for weapon ${is} and target ${js}, expected each pair at most once`);
      continue;
    }
    seen[k] = 1;
    p[k] = pv;
  }
  if (problems.length) throw new UserError(problems);
  return { m, n, mu, values, p };
}

/**
 * Writes a problem in the same format; pairs with p = 0 are left out. Numbers are written in
 * JavaScript's shortest round-trip form, so `parseWta(formatWta(x))` reproduces x exactly.
 */
export function formatWta(problem: WtaProblem): string {
  const { m, n, mu, values, p } = problem;
  const out: string[] = [`${m} ${n} ${mu}`];
  for (let j = 0; j < n; j++) out.push(String(values[j]));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      if (v !== 0) out.push(`${i} ${j} ${String(v)}`);
    }
  }
  return out.join('\n') + '\n';
}
