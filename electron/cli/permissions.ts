import type { Permission } from '../../shared/permissions';

/**
 * What each CLI command needs on a database with accounts, by its first words (the same permissions as the API's
 * channels in shared/permissions.ts). A command missing here is refused to everyone, so a new one fails its test.
 */
export const CLI_PERMISSIONS: Readonly<Record<string, Permission | ((args: string[]) => Permission)>> = {
  init: 'public',
  demo: 'import',
  list: 'read',
  export: 'export',
  batch: (args) => (args[0] === 'show' ? 'read' : 'edit'),
  posting: (args) => (args[0] === 'list' ? 'read' : 'edit'),
  reminders: 'read',
  'import-lrmx': 'import',
  'export-lrmx': 'export',
  'import-roster': 'import',
  'export-roster': 'export',
  'roster-template': 'read',
  verify: 'read',
  cadre: (args) => (args[0] === 'purge' ? 'purge' : 'edit'),
  backup: 'backup',
  'list-backups': 'backup',
  restore: 'restore',
  user: 'users',
  // Copies every row out of the desktop database (as a backup does), signed in on that database.
  'migrate-to-server': 'backup',
};

export function cliPermission(command: string, args: string[]): Permission {
  const p = CLI_PERMISSIONS[command];
  // Unknown: the strictest permission there is, so nothing slips through unchecked.
  if (!p) return 'users';
  return typeof p === 'function' ? p(args) : p;
}
