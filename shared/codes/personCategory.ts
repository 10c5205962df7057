/** 人员类别 of a cadre file. */
export const PERSON_CATEGORIES = ['公务员', '参公', '事业', '国企', '其他'] as const;

/** 性别 — GB/T 2261 names. */
export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

/** 健康状况 — the usual wording on forms. */
export const HEALTH_STATES = ['健康', '良好', '一般', '较差'] as const;

/** 家庭成员称谓 — common values offered in the family table. */
export const FAMILY_RELATIONS = ['妻子', '丈夫', '儿子', '女儿', '父亲', '母亲', '岳父', '岳母', '公公', '婆婆', '兄', '弟', '姐', '妹'] as const;
