/**
 * The campaign store: one SQLite database `campaign.db` in the `--out` directory (better-sqlite3 12).
 *
 * Why SQLite (better-sqlite3) rather than DuckDB: the store's job is many small durable
 * transactions (one per finished batch) with the replica index as PRIMARY KEY, surviving SIGKILL
 * at any instant, in a process whose memory must not grow with the number of replicas. SQLite in
 * WAL mode is built for exactly that (a commit is atomic and survives the death of the process;
 * the page cache is bounded), and better-sqlite3's synchronous API makes "rows + checkpoint in one
 * transaction" a few lines. DuckDB is the better engine for analysing the rows afterwards, and it
 * reads this file directly (its sqlite extension) or the CSV written beside it.
 *
 * Tables:
 * - `meta(key PRIMARY KEY, value)`: `format` = `tmdsim-campaign-store-v1`; `campaign` = JSON of
 *   the campaign's identity (scenario text and SHA-256, model, seed, runs, shard, assets, columns);
 *   `checkpoint` = JSON list of the Accumulator's integer sums over the stored rows.
 * - `replicas(replica INTEGER PRIMARY KEY, threats, leakers, killed, interceptors, hit_<asset>…,
 *   <layer>_shots, <layer>_kills…)`: one row per finished replica.
 *
 * Invariant (kept by `commit`, one transaction): the checkpoint is the sum over exactly the stored
 * rows. A replica inserted twice violates the primary key and aborts the transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { userError } from '../errors.js';
import { Accumulator, rowColumns, rowWidth } from './stats.js';
import type { Shard } from './shard.js';
import { LAYERS } from './types.js';

export const STORE_FORMAT = 'tmdsim-campaign-store-v1';
export const STORE_FILE = 'campaign.db';
export const CSV_FILE = 'replicas.csv';
export const SUMMARY_FILE = 'summary.json';

/** What identifies a campaign (and a shard of it). */
export interface CampaignMeta {
  format: typeof STORE_FORMAT;
  scenario: { file: string; sha256: string; text: string };
  model: string;
  seed: number;
  runs: number;
  shard: Shard;
  assets: string[];
  layers: string[];
  columns: string[];
}

function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** True when `dir` does not exist or is an empty directory. */
export function isFreshDir(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  const st = fs.statSync(dir);
  return st.isDirectory() && fs.readdirSync(dir).length === 0;
}

/** A campaign store (see the module comment). Open with `CampaignStore.create` or `.open`. */
export class CampaignStore {
  readonly dir: string;
  readonly meta: CampaignMeta;
  private readonly db: Database;
  private readonly insert: ReturnType<Database['prepare']>;
  private readonly saveCheckpoint: ReturnType<Database['prepare']>;
  private readonly width: number;
  private readonly commitTx: (rows: Int32Array, count: number, acc: Accumulator) => void;

  private constructor(dir: string, db: Database, meta: CampaignMeta) {
    this.dir = dir;
    this.db = db;
    this.meta = meta;
    this.width = rowWidth(meta.assets.length);
    db.pragma('journal_mode = WAL');
    // NORMAL: a commit survives the death of the process (SIGKILL); only an OS crash or power
    // loss may lose the last commits (SQLite docs, "Write-Ahead Logging", §"Performance Considerations")
    db.pragma('synchronous = NORMAL');
    const cols = meta.columns.map(quoteIdent).join(', ');
    this.insert = db.prepare(`INSERT INTO replicas (${cols}) VALUES (${meta.columns.map(() => '?').join(', ')})`);
    this.saveCheckpoint = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('checkpoint', ?)`);
    const w = this.width;
    const args = new Array<number>(w);
    this.commitTx = db.transaction((rows: Int32Array, count: number, acc: Accumulator) => {
      for (let i = 0; i < count; i++) {
        for (let c = 0; c < w; c++) args[c] = rows[i * w + c];
        this.insert.run(...args);
      }
      this.saveCheckpoint.run(JSON.stringify(acc.toJSON()));
    });
  }

  /** Creates a new store in `dir` (which must not exist or be empty). */
  static create(dir: string, meta: Omit<CampaignMeta, 'format' | 'layers' | 'columns'>): CampaignStore {
    if (!isFreshDir(dir)) throw userError('--out', `'${dir}' already exists and is not empty; pass --resume to continue the campaign in it, or choose another --out`);
    fs.mkdirSync(dir, { recursive: true });
    const full: CampaignMeta = { format: STORE_FORMAT, ...meta, layers: [...LAYERS], columns: rowColumns(meta.assets) };
    const db = new Database(path.join(dir, STORE_FILE));
    const colDefs = full.columns.map((c, i) => (i === 0 ? `${quoteIdent(c)} INTEGER PRIMARY KEY` : `${quoteIdent(c)} INTEGER NOT NULL`));
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE replicas (${colDefs.join(', ')});`);
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      put.run('format', STORE_FORMAT);
      put.run('campaign', JSON.stringify(full));
      put.run('checkpoint', JSON.stringify(new Accumulator(meta.assets.length).toJSON()));
    })();
    return new CampaignStore(dir, db, full);
  }

  /**
   * Opens an existing store, checking that it is one (format tag, identity, checkpoint that
   * matches the row count). `where` names the flag or argument in errors. Nothing is written
   * before the checks pass.
   */
  static open(dir: string, where: string): CampaignStore {
    const file = path.join(dir, STORE_FILE);
    if (!fs.existsSync(file)) throw userError(where, `'${dir}' is not a campaign store: it has no ${STORE_FILE}`);
    let db: Database | undefined;
    try {
      db = new Database(file, { fileMustExist: true });
      const get = db.prepare<{ value: string }>('SELECT value FROM meta WHERE key = ?');
      const format = get.get('format')?.value;
      if (format !== STORE_FORMAT) throw new Error(`format tag ${format === undefined ? 'missing' : `'${format}'`}`);
      const meta = JSON.parse(get.get('campaign')?.value ?? 'null') as CampaignMeta | null;
      if (!meta || typeof meta !== 'object' || !Array.isArray(meta.assets) || !Array.isArray(meta.columns) || !meta.scenario) {
        throw new Error('campaign description missing or unreadable');
      }
      if (meta.columns.join('\n') !== rowColumns(meta.assets).join('\n')) throw new Error('columns do not match this version');
      const acc = Accumulator.fromJSON(meta.assets.length, JSON.parse(get.get('checkpoint')?.value ?? 'null'));
      if (!acc) throw new Error('checkpoint missing or unreadable');
      const count = db.prepare<number>('SELECT count(*) FROM replicas').pluck().get() as number;
      if (count !== acc.n) throw new Error(`checkpoint counts ${acc.n} replicas but the table holds ${count}`);
      return new CampaignStore(dir, db, meta);
    } catch (e) {
      db?.close();
      const msg = (e as Error).message;
      throw userError(where, `'${file}' is not a readable tmdsim campaign store (${msg}); it was left untouched`);
    }
  }

  /** The checkpointed accumulator (the sums over every stored row). */
  checkpoint(): Accumulator {
    const v = this.db.prepare<string>(`SELECT value FROM meta WHERE key = 'checkpoint'`).pluck().get() as string;
    const acc = Accumulator.fromJSON(this.meta.assets.length, JSON.parse(v));
    if (!acc) throw userError(this.dir, 'the store checkpoint is unreadable');
    return acc;
  }

  /** Number of stored replicas. */
  count(): number {
    return this.db.prepare<number>('SELECT count(*) FROM replicas').pluck().get() as number;
  }

  /**
   * Stores `count` packed rows and the accumulator that already includes them, in one
   * transaction: after a kill, either both are there or neither.
   */
  commit(rows: Int32Array, count: number, acc: Accumulator): void {
    this.commitTx(rows, count, acc);
  }

  /** The ranges [a, b) of replica indices in [start, end) not yet stored, in order (streams the index). */
  missingRanges(start: number, end: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let next = start;
    const it = this.db.prepare<number>('SELECT replica FROM replicas WHERE replica >= ? AND replica < ? ORDER BY replica').pluck();
    for (const r of it.iterate(start, end)) {
      if (r > next) out.push([next, r]);
      next = r + 1;
    }
    if (next < end) out.push([next, end]);
    return out;
  }

  /** Every stored row as a packed Int32Array row, in replica order (a fresh buffer per row block of `block`). */
  *rows(block = 4096): Generator<[Int32Array, number]> {
    const w = this.width;
    const buf = new Int32Array(block * w);
    let n = 0;
    const cols = this.meta.columns.map(quoteIdent).join(', ');
    const st = this.db.prepare<number[]>(`SELECT ${cols} FROM replicas ORDER BY replica`).raw();
    for (const row of st.iterate()) {
      for (let c = 0; c < w; c++) buf[n * w + c] = row[c];
      if (++n === block) {
        yield [buf, n];
        n = 0;
      }
    }
    if (n > 0) yield [buf, n];
  }

  /** Writes every row as CSV (header = column names) to `dir/replicas.csv`, atomically (temp + rename). */
  writeCsv(): string {
    const file = path.join(this.dir, CSV_FILE);
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, this.meta.columns.join(',') + '\n');
      const w = this.width;
      for (const [buf, n] of this.rows()) {
        let text = '';
        for (let i = 0; i < n; i++) {
          let line = String(buf[i * w]);
          for (let c = 1; c < w; c++) line += ',' + buf[i * w + c];
          text += line + '\n';
        }
        fs.writeSync(fd, text);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return file;
  }

  /** Writes `dir/summary.json` atomically. */
  writeSummary(summary: unknown): string {
    const file = path.join(this.dir, SUMMARY_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(summary, null, 2) + '\n');
    fs.renameSync(`${file}.tmp`, file);
    return file;
  }

  /** Path of the database file. */
  get file(): string {
    return path.join(this.dir, STORE_FILE);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
