import type Database from 'better-sqlite3';

/** Statements prepared once per database: preparing one per event would dominate a rebuild. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The prepared statement of `sql` on `database`, compiled on first use. */
export function preparedStatement(database: Database.Database, sql: string): Database.Statement {
  let statements = prepared.get(database);
  if (!statements) prepared.set(database, (statements = new Map()));
  let compiled = statements.get(sql);
  if (!compiled) statements.set(sql, (compiled = database.prepare(sql)));
  return compiled;
}
