/**
 * The part of better-sqlite3 12 (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md)
 * that the campaign store uses. Declared here so no @types package is needed.
 */
declare module 'better-sqlite3' {
  interface Statement<R = unknown> {
    run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    get(...params: unknown[]): R | undefined;
    all(...params: unknown[]): R[];
    iterate(...params: unknown[]): IterableIterator<R>;
    pluck(on?: boolean): Statement<R>;
    raw(on?: boolean): Statement<R>;
  }
  interface Options {
    readonly?: boolean;
    fileMustExist?: boolean;
    timeout?: number;
  }
  class Database {
    constructor(filename: string, options?: Options);
    readonly open: boolean;
    readonly inTransaction: boolean;
    prepare<R = unknown>(sql: string): Statement<R>;
    exec(sql: string): Database;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
    close(): Database;
  }
  export default Database;
  export type { Statement, Options };
}
