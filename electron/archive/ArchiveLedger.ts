import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../../shared/canonicalJson';
import type { ArchiveMismatch, ArchiveMissing, LedgerProblem } from '../../shared/archive';
import { conflict } from '../../shared/errors';
import type { Database } from '../db/Database';
import { ArchiveLedgerEntryEntity, ArchiveLedgerHeadEntity } from '../db/entities';
import type { ServiceContext } from '../services/ServiceContext';
import { archivedContentOf, contentsOf, currentlyArchived, ARCHIVED_TYPES, type ArchivedContent, type ArchivedType } from './archivedContent';
import { createLedgerKey, headMac, ledgerKeyExists, ledgerKeyPath, readLedgerKey } from './ledgerKey';

export type { ArchiveMismatch, ArchiveMissing, LedgerProblem };

export interface LedgerReport {
  ledger: { ok: boolean; entries: number; problems: LedgerProblem[] };
  checked: number;
  mismatches: ArchiveMismatch[];
  missing: ArchiveMissing[];
}

type EntryFields = Omit<ArchiveLedgerEntryEntity, 'entryHash'>;

/** The hash of an entry: all its fields, the previous entry's hash included, as canonical JSON. */
export function entryHashOf(e: EntryFields): string {
  const text = canonicalJson({
    seq: e.seq, at: e.at, actor: e.actor, action: e.action, recordType: e.recordType, recordId: e.recordId,
    label: e.label, contentHash: e.contentHash, prevHash: e.prevHash,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const key = (type: string, id: number) => `${type}#${id}`;
const span = (from: number, to: number) => (to > from ? `${from}—${to}` : `${from}`);

/**
 * The archive ledger: every archiving appends an entry (what, when, by whom, the content hash) chained to the one
 * before, in the same transaction as the archiving. The head (last entry) is signed with a key kept outside the
 * database. `check` recomputes the chain, the head's signature and every archived record's hash.
 */
export class ArchiveLedger {
  constructor(
    private readonly db: Database,
    private readonly dbFile: string,
  ) {}

  /**
   * Sets the ledger up on first open: a new database, or one from before the ledger (its archived records are
   * entered as 补记). A database whose ledger was set up once (the key file exists) is never set up again: a
   * missing head there means it was removed, and `check` says so.
   */
  async initialize(): Promise<void> {
    await this.db.write(async (m) => {
      if (await m.findOneBy(ArchiveLedgerHeadEntity, { id: 1 })) return;
      if (ledgerKeyExists(this.dbFile) || (await m.count(ArchiveLedgerEntryEntity)) > 0) return;
      const secret = randomBytes(32);
      let last: ArchiveLedgerEntryEntity | null = null;
      for (const c of await currentlyArchived(m))
        if (c.state === '已归档') last = await this.appendEntry(m, last, { actor: '系统', action: 'backfill', content: c });
      await this.writeHead(m, secret, last);
      // Last, so that a failure above leaves no key behind (a key without a head would read as a removed ledger).
      createLedgerKey(this.dbFile, secret);
    });
  }

  /** Appends the archiving of a record (already set to 已归档 in this transaction) and moves the signed head. */
  async append(m: EntityManager, ctx: ServiceContext, type: ArchivedType, id: number): Promise<void> {
    const secret = readLedgerKey(this.dbFile);
    if (!secret)
      throw conflict(`归档账本的密钥文件缺失或损坏（${ledgerKeyPath(this.dbFile)}），不能归档：请从备份中恢复该文件，或联系系统管理员`);
    const content = await archivedContentOf(m, type, id);
    if (!content || content.state !== '已归档') throw new Error(`archive ledger: ${type} #${id} is not archived in this transaction`);
    const [last] = await m.find(ArchiveLedgerEntryEntity, { order: { seq: 'DESC' }, take: 1 });
    const entry = await this.appendEntry(m, last ?? null, { actor: ctx.actor, action: 'archive', content });
    await this.writeHead(m, secret, entry);
  }

  /** Appends the archiving of many records at once (already 已归档 in this transaction): one head update at the end. */
  async appendMany(m: EntityManager, ctx: ServiceContext, type: ArchivedType, ids: readonly number[]): Promise<void> {
    const secret = readLedgerKey(this.dbFile);
    if (!secret) throw conflict(`归档账本的密钥文件缺失或损坏（${ledgerKeyPath(this.dbFile)}），不能归档：请从备份中恢复该文件，或联系系统管理员`);
    let [last] = await m.find(ArchiveLedgerEntryEntity, { order: { seq: 'DESC' }, take: 1 });
    for (const content of await contentsOf(m, type, ids)) {
      if (content.state !== '已归档') throw new Error(`archive ledger: ${type} #${content.id} is not archived`);
      last = await this.appendEntry(m, last ?? null, { actor: ctx.actor, action: 'archive', content });
    }
    await this.writeHead(m, secret, last ?? null);
  }

  /** Archived records among `ids` of `type`, for refusals ("彻底删除" of a cadre whose 年度考核 is archived). */
  async archivedAmong(m: EntityManager, type: ArchivedType, ids: readonly number[]): Promise<ArchivedContent[]> {
    return (await contentsOf(m, type, ids)).filter((c) => c.state === '已归档');
  }

  /** The ledger's chain and head, then every archived record against its entry. */
  async check(m: EntityManager): Promise<LedgerReport> {
    const entries = await m.find(ArchiveLedgerEntryEntity, { order: { seq: 'ASC' } });
    const problems: LedgerProblem[] = [];
    let prev = '';
    entries.forEach((e, i) => {
      const expected = (entries[i - 1]?.seq ?? 0) + 1;
      if (e.seq !== expected) problems.push({ seq: e.seq, message: `账本第 ${span(expected, e.seq - 1)} 条缺失（被删除）` });
      if (e.prevHash !== prev) problems.push({ seq: e.seq, message: `账本第 ${e.seq} 条与前一条接不上：前面的条目被删除或修改` });
      if (entryHashOf(e) !== e.entryHash) problems.push({ seq: e.seq, message: `账本第 ${e.seq} 条（${e.label}）的内容被修改` });
      prev = e.entryHash;
    });

    const head = await m.findOneBy(ArchiveLedgerHeadEntity, { id: 1 });
    const secret = readLedgerKey(this.dbFile);
    const last = entries.at(-1);
    if (!secret) problems.push({ seq: null, message: `账本密钥文件缺失或损坏（${ledgerKeyPath(this.dbFile)}）：无法确认账本未被改动` });
    if (!head) problems.push({ seq: null, message: '账本头缺失：账本被删除或改动' });
    else {
      if (secret && head.mac !== headMac(secret, head.seq, head.entryHash))
        problems.push({ seq: head.seq, message: '账本头的签名不符：账本头在本系统之外被改动' });
      if (head.seq !== (last?.seq ?? 0) || head.entryHash !== (last?.entryHash ?? ''))
        problems.push({
          seq: head.seq,
          message:
            head.seq > (last?.seq ?? 0)
              ? `账本末尾的第 ${span((last?.seq ?? 0) + 1, head.seq)} 条被删除`
              : `账本末尾与账本头不符：第 ${head.seq + 1} 条起不是经本系统写入的`,
        });
    }

    // The latest entry of each record is what it must still be.
    const recorded = new Map<string, ArchiveLedgerEntryEntity>();
    for (const e of entries) recorded.set(key(e.recordType, e.recordId), e);
    const now = new Map<string, ArchivedContent>();
    for (const c of await currentlyArchived(m)) now.set(key(c.type, c.id), c);
    for (const type of ARCHIVED_TYPES) {
      const ids = [...recorded.values()].filter((e) => e.recordType === type && !now.has(key(type, e.recordId))).map((e) => e.recordId);
      for (const c of await contentsOf(m, type, ids)) now.set(key(c.type, c.id), c);
    }

    const mismatches: ArchiveMismatch[] = [];
    const missing: ArchiveMissing[] = [];
    for (const e of recorded.values()) {
      const c = now.get(key(e.recordType, e.recordId));
      if (!c) missing.push({ kind: e.recordType as ArchivedType, id: e.recordId, label: e.label, seq: e.seq });
      else if (c.hash !== e.contentHash || (c.storedHash && c.storedHash !== c.hash))
        mismatches.push({
          kind: c.type, id: c.id, label: c.label, expected: e.contentHash, actual: c.hash,
          reason: c.state !== '已归档' ? `归档后状态被改为“${c.state || '空'}”` : '内容与归档时不一致',
        });
    }
    for (const c of now.values()) {
      if (recorded.has(key(c.type, c.id))) continue;
      // Archived in the file without an entry: set to 已归档 (or given a hash) behind the application's back.
      mismatches.push({
        kind: c.type, id: c.id, label: c.label, expected: c.storedHash, actual: c.hash,
        reason: c.storedHash && c.storedHash !== c.hash ? '内容与归档时不一致' : '归档账本中没有这条记录的归档记载',
      });
    }
    mismatches.sort((a, b) => a.kind.localeCompare(b.kind) || a.id - b.id);
    missing.sort((a, b) => a.seq - b.seq);
    const checked = new Set([...recorded.keys(), ...now.keys()]).size;
    return { ledger: { ok: problems.length === 0, entries: entries.length, problems }, checked, mismatches, missing };
  }

  private async appendEntry(
    m: EntityManager,
    last: ArchiveLedgerEntryEntity | null,
    e: { actor: string; action: string; content: ArchivedContent },
  ): Promise<ArchiveLedgerEntryEntity> {
    const fields: EntryFields = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: e.actor,
      action: e.action,
      recordType: e.content.type,
      recordId: e.content.id,
      label: e.content.label,
      contentHash: e.content.hash,
      prevHash: last?.entryHash ?? '',
    };
    const entry = m.create(ArchiveLedgerEntryEntity, { ...fields, entryHash: entryHashOf(fields) });
    await m.insert(ArchiveLedgerEntryEntity, entry);
    return entry;
  }

  private async writeHead(m: EntityManager, secret: Buffer, last: ArchiveLedgerEntryEntity | null): Promise<void> {
    const seq = last?.seq ?? 0;
    const entryHash = last?.entryHash ?? '';
    await m.save(ArchiveLedgerHeadEntity, { id: 1, seq, entryHash, mac: headMac(secret, seq, entryHash), updatedAt: new Date().toISOString() });
  }
}
