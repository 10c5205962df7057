import { CadreInputSchema } from '../shared/cadre';
import { makeIdNumber } from '../electron/demo/demoCadres';
import type { AppServices } from '../electron/services/AppServices';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '明远思源佳宁晓峰雅琴志刚丽华建国文博敏海涛燕俊杰雪梅子涵一诺梓轩若溪德厚长林世荣立新红霞振华国强秀英桂兰淑珍永辉春梅晓东';
const UNITS = ['发展和改革委员会', '商务局', '农业农村局', '乡村振兴局', '文化和旅游广电局', '生态环境局', '交通运输局', '教育局', '卫生健康委员会', '自然资源局'];
const PLACES = ['安康市', '汉滨区', '汉阴县', '石泉县', '宁陕县', '紫阳县', '岚皋县', '平利县', '镇坪县', '旬阳市', '白河县'];

/** Fills the database with `n` invented cadre files (deterministic), in one transaction. */
export async function generateCadres(s: AppServices, n: number): Promise<void> {
  const ctx = { actor: 'bench' };
  await s.db.write(async (m) => {
    for (let i = 0; i < n; i++) {
      const gender = i % 2 ? '女' : '男';
      const year = 1965 + (i % 35);
      const month = String((i % 12) + 1).padStart(2, '0');
      const dayN = String((i % 28) + 1).padStart(2, '0');
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
      const unit = PLACES[i % PLACES.length] + UNITS[(i >> 2) % UNITS.length];
      const data = CadreInputSchema.parse({
        name,
        gender,
        birthDate: `${year}.${month}`,
        idNumber: makeIdNumber(`61${String(900 + (i % 90)).padStart(4, '0')}`, `${year}${month}${dayN}`, i % 997, gender),
        nation: i % 17 ? '汉族' : '回族',
        politicalStatus: i % 5 ? '中共党员' : '群众',
        ftEducation: i % 4 ? '大学' : '研究生',
        personCategory: i % 6 ? '公务员' : '事业',
        workUnit: unit,
        currentPosition: `${unit}${i % 3 ? '科长' : '副局长'}`,
      });
      await s.cadres.saveWith(m, ctx, data);
    }
  });
}
