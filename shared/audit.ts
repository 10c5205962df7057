/** One line of a record's history (修改记录). */
export interface AuditEntry {
  id: number;
  /** ISO time as stored. */
  at: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  /** As stored: field → [old, new], internal keys and ids included. */
  changes: Record<string, [unknown, unknown]>;
  note: string;
  /** The changes as a clerk reads them (the 操作日志 viewer's formatter): Chinese labels, names, dates, 移入回收站. */
  lines: AuditChangeLine[];
}

/** What the audit log's records are about (`audit_log.entity_type`), in Chinese: the viewer's 对象类型 filter. */
export const AUDIT_ENTITY_TYPES: Record<string, string> = {
  cadre: '干部档案',
  batch: '批次',
  posting: '挂职记录',
  assessment_record: '考核记录',
  growth_evaluation: '成长评价',
  growth_template: '成长评价模板',
  leave_entry: '请销假记录',
  work_result: '工作实绩',
  setting: '系统设置',
  security: '数据安全',
};

/** One changed field as the viewer shows it: Chinese label, display values (names instead of ids). */
export interface AuditChangeLine {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** One line of 系统 → 操作日志. */
export interface AuditListItem {
  id: number;
  seq: number;
  /** ISO time as stored. */
  at: string;
  /** Local time, `2025.03.01 14:05:09` (formatDateTime). */
  atText: string;
  actor: string;
  entityType: string;
  /** 干部档案, 批次 … (the type itself when unknown). */
  entityTypeLabel: string;
  entityId: string;
  /** The record named: 干部档案“王晓峰”, 批次“安康市第7批…”. */
  object: string;
  action: string;
  changes: AuditChangeLine[];
  note: string;
}

/** The viewer's filter choices: who has written, which actions occur. */
export interface AuditFilterOptions {
  actors: string[];
  actions: string[];
  entityTypes: { value: string; label: string }[];
}
