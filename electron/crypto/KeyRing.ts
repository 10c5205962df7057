import type { DataKey } from './dataKey';

/**
 * The data key in use, shared by everything that reads or writes encrypted bytes (the connections, the evidence
 * store, backups). Null while the database is not encrypted; replaced when encryption is turned on or re-keyed.
 */
export class KeyRing {
  constructor(public key: DataKey | null = null) {}

  get sqlKey(): string | undefined {
    return this.key?.sqlKey;
  }

  get fileKey(): Buffer | null {
    return this.key?.fileKey ?? null;
  }
}
