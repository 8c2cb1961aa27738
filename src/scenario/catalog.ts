/**
 * The catalog of notional types: one YAML file per missile, radar or interceptor type
 * (catalog/<kind>s/<id>.yaml). This module is isomorphic: it takes file texts, not paths
 * on disk (src/cli/catalog-files.ts reads them on Node; the web app bundles them).
 *
 * Every file has `id`, `kind`, `name`, `description` and `sources` (each number in the file
 * should name one of them), plus fields specific to its kind, validated by the zod schema
 * registered for that kind in `catalogKinds`.
 */
import { MissileTypeSchema } from '../threat/missile-type.js';
import { InterceptorTypeSchema } from '../interceptor/interceptor-type.js';
import { RadarTypeSchema } from '../sensor/index.js';
import { z } from 'zod';
import { suggestion, UserError, userError } from '../errors.js';
import { expectedErrorMap, issuesToProblems, located, locate, parseText, sortProblems, type LocatedProblem } from './locate.js';
import { ID_PATTERN } from './schema.js';

/** A public source a catalog file draws its numbers from. */
export const CatalogSourceSchema = z.strictObject({
  id: z.string({ error: 'a short source id (e.g. wilkening-1999)' }).regex(ID_PATTERN, {
    error: "a source id made of letters, digits, '_', '.' or '-'",
  }),
  citation: z.string({ error: 'a citation: author, title, year, page or table' }).min(10, {
    error: 'a citation of at least 10 characters: author, title, year, page or table',
  }),
  url: z.url({ error: 'a URL (https://…)' }).optional(),
});
export type CatalogSource = z.infer<typeof CatalogSourceSchema>;

/** The kinds a catalog file may declare. */
export const CATALOG_KINDS = ['missile', 'radar', 'interceptor'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/**
 * The fields every catalog file has. Kind schemas should `.extend()` this shape (see
 * `catalogBase`) so a file is checked once; loadCatalog checks it anyway.
 */
export const catalogBase = {
  id: z
    .string({ error: "an id made of letters, digits, '_', '.' or '-'" })
    .regex(ID_PATTERN, { error: "an id made of letters, digits, '_', '.' or '-'" }),
  kind: z.enum(CATALOG_KINDS, { error: `one of ${CATALOG_KINDS.map((k) => `'${k}'`).join(', ')}` }),
  name: z.string({ error: 'a display name (text)' }).min(1, { error: 'a non-empty display name' }),
  description: z.string({ error: 'a description (text)' }),
  sources: z
    .array(CatalogSourceSchema, { error: 'a list of sources ({id, citation, url?})' })
    .min(1, { error: 'at least one source' }),
};
export const CatalogEntryBaseSchema = z.object(catalogBase).loose();

/** A validated catalog entry: the common fields, plus whatever its kind defines. */
export interface CatalogEntry {
  id: string;
  kind: CatalogKind;
  name: string;
  description: string;
  sources: CatalogSource[];
  /** The path the entry was read from (as given to loadCatalog). */
  file: string;
  [field: string]: unknown;
}

/**
 * The registry of kinds: the zod schema each kind's files must satisfy (on top of the
 * common fields in `catalogBase`). Radar and interceptor types register here as their
 * modules land; until then those kinds accept any extra field (`.loose()`).
 */
export const catalogKinds: Record<string, z.ZodType> = {
  missile: MissileTypeSchema,
  radar: RadarTypeSchema,
  interceptor: InterceptorTypeSchema,
};

/** The loaded catalog. */
export interface Catalog {
  /** The entry of `kind` named `id`; a UserError with "did you mean" when there is none. */
  get<T extends CatalogEntry = CatalogEntry>(kind: string, id: string, where?: string): T;
  /** True when an entry of `kind` is named `id`. */
  has(kind: string, id: string): boolean;
  /** The ids of one kind, sorted. */
  ids(kind: string): string[];
  /** Every entry, sorted by kind then id. */
  all(): CatalogEntry[];
  /** The entry named `id` whatever its kind (ids are unique across kinds), or undefined. */
  find(id: string): CatalogEntry | undefined;
}

/**
 * Parses and validates catalog files (YAML or JSON texts). Each file is checked against
 * the common fields and against the schema registered for its `kind`; ids must be unique
 * across the whole catalog, and a file under a `<kind>s/` folder must be of that kind.
 * Throws one UserError listing every problem (`file:line:col path: …`).
 */
export function loadCatalog(files: readonly { path: string; text: string }[], kinds: Record<string, z.ZodType> = catalogKinds): Catalog {
  const problems: LocatedProblem[] = [];
  const entries = new Map<string, CatalogEntry>();
  const kindNames = Object.keys(kinds);
  for (const f of files) {
    const p = parseText(f.text, f.path);
    if (p.problems.length) {
      problems.push(...p.problems);
      continue;
    }
    const data = p.data as Record<string, unknown> | null;
    const fileProblems: LocatedProblem[] = [];
    const base = CatalogEntryBaseSchema.safeParse(data, { error: expectedErrorMap, reportInput: true });
    if (!base.success) fileProblems.push(...issuesToProblems(p, base.error.issues));
    const kind = data && typeof data === 'object' ? data.kind : undefined;
    if (typeof kind === 'string' && kinds[kind]) {
      const r = kinds[kind].safeParse(data, { error: expectedErrorMap, reportInput: true });
      if (!r.success) {
        for (const q of issuesToProblems(p, r.error.issues)) {
          if (!fileProblems.some((x) => x.where === q.where && x.message === q.message)) fileProblems.push(q);
        }
      }
      const folder = /(?:^|[\\/])([A-Za-z]+)s[\\/][^\\/]+$/.exec(f.path)?.[1];
      if (folder && folder !== kind && kindNames.includes(folder)) {
        const pos = locate(p, ['kind']);
        fileProblems.push(located(f.path, pos.line, pos.col, 'kind', `found '${kind}' in the ${folder}s folder, expected kind '${folder}'`));
      }
    } else if (typeof kind === 'string' && !fileProblems.some((x) => x.path === 'kind')) {
      const pos = locate(p, ['kind']);
      fileProblems.push(
        located(f.path, pos.line, pos.col, 'kind', `found '${kind}', expected one of ${kindNames.map((k) => `'${k}'`).join(', ')}${suggestion(kind, kindNames)}`),
      );
    }
    if (fileProblems.length) {
      problems.push(...sortProblems(fileProblems));
      continue;
    }
    const entry = { ...(data as object), file: f.path } as CatalogEntry;
    const prev = entries.get(entry.id);
    if (prev) {
      const pos = locate(p, ['id']);
      problems.push(located(f.path, pos.line, pos.col, 'id', `found '${entry.id}', already used by ${prev.file}; expected an id unique in the catalog`));
      continue;
    }
    entries.set(entry.id, entry);
  }
  if (problems.length) throw new UserError(problems);
  return makeCatalog(entries);
}

function makeCatalog(entries: Map<string, CatalogEntry>): Catalog {
  const sorted = [...entries.values()].sort((a, b) => (a.kind === b.kind ? cmp(a.id, b.id) : cmp(a.kind, b.kind)));
  const ids = (kind: string) => sorted.filter((e) => e.kind === kind).map((e) => e.id);
  return {
    get<T extends CatalogEntry = CatalogEntry>(kind: string, id: string, where = 'catalog'): T {
      const e = entries.get(id);
      if (e && e.kind === kind) return e as T;
      const known = ids(kind);
      if (known.length === 0) throw userError(where, `found '${id}', but the catalog has no ${kind} types`);
      const hint = suggestion(id, known);
      throw userError(where, `found '${id}', expected a ${kind} type from the catalog${hint || ` (one of ${known.join(', ')})`}`);
    },
    has: (kind, id) => entries.get(id)?.kind === kind,
    ids,
    all: () => sorted.slice(),
    find: (id) => entries.get(id),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
