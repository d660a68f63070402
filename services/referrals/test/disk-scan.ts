import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';

/**
 * Reads the database server's files on disk, for the crypto-shredding proof. The tests' PostgreSQL is the
 * embedded server the jest `pg` project starts (libs/testing/src/pg-global-setup.ts: a throwaway data folder
 * `<tmp>/crm-test-pg-<random>/data`); each test file's database is a `CREATE DATABASE` on it
 * (libs/testing/src/test-database.ts), so its tables live in `<data_directory>/base/<database oid>/` and every
 * change first goes to the cluster's write-ahead log `<data_directory>/pg_wal/`. Both are located through the
 * server itself (`SHOW data_directory`, `pg_database.oid`) and read directly from the filesystem.
 */
export interface DatabaseFiles {
  dataDirectory: string;
  oid: number;
  /** `base/<oid>/`: every relation file of this database (tables, TOAST tables, indexes, free-space maps). */
  databaseDir: string;
  walDir: string;
}

export async function locateDatabaseFiles(pool: Pool): Promise<DatabaseFiles> {
  const dir = await pool.query<{ data_directory: string }>('SHOW data_directory');
  const db = await pool.query<{ oid: number }>(
    'SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()',
  );
  const dataDirectory = dir.rows[0].data_directory;
  const oid = db.rows[0].oid;
  const files = {
    dataDirectory,
    oid,
    databaseDir: join(dataDirectory, 'base', String(oid)),
    walDir: join(dataDirectory, 'pg_wal'),
  };
  try {
    statSync(join(files.databaseDir, 'PG_VERSION'));
  } catch {
    throw new Error(
      `the database files (${files.databaseDir}) are not readable from this process: the scan needs the tests' embedded PostgreSQL on this machine (unset TEST_DATABASE_URL)`,
    );
  }
  return files;
}

/** Writes every dirty buffer to the data files (so a value in a table is in `base/<oid>/` now). */
export async function checkpoint(pool: Pool): Promise<void> {
  await pool.query('CHECKPOINT');
}

/** The regular files directly under `dir` (the WAL's `archive_status/` and other folders left out). */
function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** What a scan looks for: text (searched as its UTF-8 bytes) or raw bytes (a key). */
export type Needle = string | Buffer;

/**
 * The needles found in at least one regular file of `dirs` (each file read once), in the order given. A value
 * stored uncompressed in a table or written to the WAL appears as its own bytes; a value PostgreSQL compressed
 * (a TOASTed value over about 2 kB) does not, which is why the proof also searches every table's rows as text.
 */
export function scanFiles(dirs: readonly string[], needles: readonly Needle[]): Needle[] {
  const patterns = needles.map((n) => (typeof n === 'string' ? Buffer.from(n, 'utf8') : n));
  const found = new Set<number>();
  for (const dir of dirs) {
    for (const path of filesIn(dir)) {
      const bytes = readFileSync(path);
      patterns.forEach((pattern, i) => {
        if (!found.has(i) && bytes.includes(pattern)) found.add(i);
      });
    }
  }
  return needles.filter((_n, i) => found.has(i));
}

/**
 * For each needle, the tables (every schema but PostgreSQL's own) with a row whose text form contains it: the
 * logical counterpart of the file scan, which sees through compression.
 */
export async function scanTables(pool: Pool, needles: readonly string[]): Promise<Map<string, string[]>> {
  const tables = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const found = new Map<string, string[]>(needles.map((n) => [n, []]));
  for (const { name } of tables.rows) {
    for (const needle of needles) {
      const r = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${name} t WHERE strpos(t::text, $1) > 0`,
        [needle],
      );
      if (r.rows[0].n > 0) found.get(needle)?.push(name);
    }
  }
  return found;
}
