/** 政治面貌 — GB/T 4762, code order 01–13. */
export const POLITICAL_STATUSES = [
  '中共党员', '中共预备党员', '共青团员', '民革党员', '民盟盟员', '民建会员', '民进会员',
  '农工党党员', '致公党党员', '九三学社社员', '台盟盟员', '无党派人士', '群众',
] as const;

/** The eight democratic parties' names as they appear in 入党时间 (e.g. `201005；民盟`). */
export const DEMOCRATIC_PARTIES = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'] as const;

/** Statuses whose holders have a 入党时间 (joined the CPC). */
export const CPC_MEMBER_STATUSES: readonly string[] = ['中共党员', '中共预备党员'];
