/** One line of a record's history (修改记录). */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  note: string;
}
