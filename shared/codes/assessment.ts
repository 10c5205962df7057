/** 年度考核等次 (公务员年度考核), with 不确定等次 which needs a reason. */
export const ANNUAL_GRADES = ['优秀', '称职', '基本称职', '不称职', '不确定等次'] as const;
export type AnnualGrade = (typeof ANNUAL_GRADES)[number];

/** 期满考核 final grade: the four grades (不确定等次 is an annual-assessment matter only). */
export const TERM_GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;
export type TermGrade = (typeof TERM_GRADES)[number];

/** 平时考核等次, as quarterly reviews are graded. */
export const QUARTER_GRADES = ['好', '较好', '一般', '较差'] as const;
export type QuarterGrade = (typeof QUARTER_GRADES)[number];

/** 假别 of a leave entry; every kind counts as a day off post. */
export const LEAVE_TYPES = ['事假', '病假', '年休假', '探亲假', '婚丧假', '产假/陪产假', '返回派出单位', '其他'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

/** 工作实绩类别. */
export const RESULT_CATEGORIES = ['招商引资', '消费帮扶', '项目建设', '调研报告', '活动组织', '信息宣传', '民生实事', '其他'] as const;
export type ResultCategory = (typeof RESULT_CATEGORIES)[number];

/** What a category's amount (万元) means, for the totals' labels (签约资金合计, 销售额合计 …). */
export const RESULT_AMOUNT_LABELS: Readonly<Record<ResultCategory, string>> = {
  招商引资: '签约资金',
  消费帮扶: '销售额',
  项目建设: '投资额',
  调研报告: '金额',
  活动组织: '金额',
  信息宣传: '金额',
  民生实事: '投入资金',
  其他: '金额',
};

/** Units offered for a result's quantity (any short unit is allowed). */
export const QUANTITY_UNIT_SUGGESTIONS = ['人次', '场', '篇', '个', '家', '项', '次', '人', '件'] as const;
