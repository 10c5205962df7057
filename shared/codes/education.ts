/** 学历 — the names used on 干部任免审批表 (after GB/T 4658). */
export const EDUCATION_LEVELS = [
  '研究生', '大学', '大专', '中专', '高中', '初中', '小学',
] as const;

/** 学位 — common degree names as printed on forms. */
export const DEGREES = [
  '博士', '硕士', '学士',
  '哲学博士', '经济学博士', '法学博士', '工学博士', '管理学博士',
  '经济学硕士', '法学硕士', '工学硕士', '管理学硕士', '公共管理硕士', '工商管理硕士',
  '经济学学士', '法学学士', '文学学士', '理学学士', '工学学士', '农学学士', '管理学学士',
] as const;
