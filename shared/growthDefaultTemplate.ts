import { DEFAULT_RATER_WEIGHTS, DEFAULT_THRESHOLD, type GrowthTemplateInput } from './growth';

/**
 * The template shipped as version 1 (seeded by migration 0004), derived from the seed article's four steps:
 * adapting and studying, taking part in real work, carrying work alone with results, and bringing it home.
 * Weights: 学习者 20, 参与者 25, 践行者 30, 传递者 25 (sum 100).
 * Never change it: databases already hold it. Ship a changed template as a new version instead.
 */
export const DEFAULT_GROWTH_TEMPLATE: GrowthTemplateInput = {
  templateName: '挂职干部成长评价（从学习者到传递者）',
  threshold: DEFAULT_THRESHOLD,
  raterWeights: { ...DEFAULT_RATER_WEIGHTS },
  notes: '默认模板：四个阶段依次评价，每项指标按0—100分打分；阶段得分达到达标分数线且此前各阶段均达标，视为达到该阶段。',
  basedOnId: null,
  stages: [
    {
      stage: '学习者',
      stageDescription: '转变角色，以学习者的姿态投入，学习挂职单位的理念和做法，尽快融入新集体。',
      indicators: [
        {
          indicatorName: '理论学习',
          indicatorDescription: '参加集中学习、联组学习、交流研讨，学习政策理论和挂职地先进发展理念。',
          weight: 7,
          guidance: '90分以上：系统参加各类学习并形成心得体会；60分：按要求参加学习；60分以下：缺学、学习流于形式。',
        },
        {
          indicatorName: '观摩调研',
          indicatorDescription: '跟随单位领导走访社区、企业、基层单位，参观展馆、基地，了解当地工作思路和流程。',
          weight: 7,
          guidance: '90分以上：走访调研面广并形成调研材料；60分：参加安排的观摩调研；60分以下：很少参加。',
        },
        {
          indicatorName: '融入集体',
          indicatorDescription: '尽快适应工作节奏，与同事协作顺畅，遵守挂职单位制度，得到单位认可。',
          weight: 6,
          guidance: '90分以上：很快融入并得到同事普遍认可；60分：基本适应；60分以下：游离于集体之外或“空挂”“虚挂”。',
        },
      ],
    },
    {
      stage: '参与者',
      stageDescription: '不做旁观者、不当局外人，参与单位重点工作和日常事务，主动揽活。',
      indicators: [
        {
          indicatorName: '参与重点工作',
          indicatorDescription: '参与单位重要会议、重大活动、专项工作的筹备和组织。',
          weight: 9,
          guidance: '90分以上：在多项重点工作中承担具体环节并完成出色；60分：参与部分重点工作；60分以下：基本未参与。',
        },
        {
          indicatorName: '承担日常事务',
          indicatorDescription: '细心做好分工范围内的日常工作（如组织关系转接、信息报送、统计报表），按时保质完成。',
          weight: 8,
          guidance: '90分以上：日常工作量大且零差错；60分：按时完成分配的事务；60分以下：经常延误或出错。',
        },
        {
          indicatorName: '协调配合',
          indicatorDescription: '与科室领导、同事及有关单位对接协调，配合默契，遇到问题一起想办法。',
          weight: 8,
          guidance: '90分以上：主动对接多方并推动问题解决；60分：能配合完成工作；60分以下：协调不力、配合被动。',
        },
      ],
    },
    {
      stage: '践行者',
      stageDescription: '把学到的方法用到实践中，独立承办工作，解决实际问题，取得看得见的实绩。',
      indicators: [
        {
          indicatorName: '独立承办',
          indicatorDescription: '牵头或独立承办会议、活动、项目、材料，从策划筹备到现场调度和总结反馈。',
          weight: 10,
          guidance: '90分以上：独立承办重要工作并受到好评；60分：能独立完成一般性工作；60分以下：需他人代劳。',
        },
        {
          indicatorName: '解决问题',
          indicatorDescription: '调查研究、分析问题，提出并落实解决办法，推动工作落地。',
          weight: 10,
          guidance: '90分以上：解决了有难度的实际问题；60分：能解决常规问题；60分以下：发现问题但未推动解决。',
        },
        {
          indicatorName: '工作实绩',
          indicatorDescription: '可计量的成果：招商引资签约资金、项目落地、消费帮扶销售额、服务人次、调研报告等（可链接工作实绩台账）。',
          weight: 10,
          guidance: '按工作实绩台账及佐证材料评分：成果突出、有佐证的90分以上；有一定成果的60分以上；无成果的60分以下。',
        },
      ],
    },
    {
      stage: '传递者',
      stageDescription: '把在挂职地学到的理念、经验和资源带回家乡，总结推广，带动身边同事。',
      indicators: [
        {
          indicatorName: '经验总结',
          indicatorDescription: '总结挂职地的好经验好做法，形成调研报告、工作手册、经验材料。',
          weight: 9,
          guidance: '90分以上：形成有推广价值的成果材料；60分：有个人总结和思考；60分以下：没有总结。',
        },
        {
          indicatorName: '成果转化',
          indicatorDescription: '把经验、项目、渠道引回派出地：推动项目签约落地、产品进入挂职地市场、机制在家乡运用。',
          weight: 8,
          guidance: '90分以上：已有成果在派出地落地见效；60分：提出可行的转化路径；60分以下：没有转化。',
        },
        {
          indicatorName: '传帮带',
          indicatorDescription: '向派出单位同事、下一批挂职干部分享交流，做好交接，发挥示范带动作用。',
          weight: 8,
          guidance: '90分以上：组织分享交流并带动他人；60分：做好交接；60分以下：未作传递。',
        },
      ],
    },
  ],
};
