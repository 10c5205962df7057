/**
 * Where the data lives: a SQLite file (the desktop database) or a PostgreSQL server, named by a
 * `postgres://user:password@host:port/database` URL (the department server). Everything that opens a database
 * takes one string and asks `isPostgresUrl` which it is.
 */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** `host:port/database` of a server URL, for messages (never the user or password). */
export function serverName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '（地址无法解析）';
  }
}

/** The URL without its password, for logs and `Database.file`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://（地址无法解析）';
  }
}
