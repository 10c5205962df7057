import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../electron/demo/demoCadres';

/** Excel rosters made in code, shaped like the ones that arrive: title rows, synonyms, mixed dates, merged cells. */
export async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  build(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const IDS = {
  liu: makeIdNumber('610902', '19880611', 103, '女'),
  lu: makeIdNumber('610902', '19900915', 105, '女'),
  wang: makeIdNumber('610902', '19830107', 107, '男'),
  chen: makeIdNumber('610902', '19811220', 109, '男'),
};

/** An ID number ending in X (found by trying sequence numbers), to check the lower-case x people type. */
export function idEndingInX(): string {
  for (let seq = 1; seq < 999; seq += 2) {
    const id = makeIdNumber('610902', '19830107', seq, '男');
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

export const utcDate = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d));

/**
 * The everyday roster: a merged title and a merged 填报单位 line above the header, header synonyms (名字,
 * 公民身份号码, 出生日期, 单位, 职务), dates as Excel dates and as text, a phone stored as a number, the 单位 column merged
 * over three people, blank rows, a 合计 row and a note row.
 */
export async function everydayRoster(): Promise<Buffer> {
  const wang = idEndingInX();
  return xlsx((ws) => {
    ws.mergeCells('A1:L1');
    ws.getCell('A1').value = '安康市第6批赴常州挂职干部花名册';
    ws.mergeCells('A2:L2');
    ws.getCell('A2').value = '填报单位：市委组织部（盖章）            2024年3月';
    ws.getRow(3).values = ['序号', '名字', '性别', '民族', '出生日期', '政治面貌', '公民身份号码', '学历', '单位', '职务', '联系电话', '备注（说明）'];
    ws.getRow(4).values = [1, '刘思源', '女', '汉', utcDate(1988, 6), '党员', IDS.liu, '本科', '安康市商务局', '投资促进科科长', 13909151037, ''];
    ws.getRow(5).values = [2, '卢佳宁', '女', '汉族', '1990.09', '中共党员', IDS.lu, '大学', null, '副局长', '0915-3261234', '女干部'];
    ws.getRow(6).values = [3, '王晓峰', '男', '汉族', '1983年1月', '群众', wang.toLowerCase(), '研究生', null, '综合科科长', null, null];
    ws.mergeCells('I4:I6');
    ws.getRow(7).values = [4, '陈志刚', '男', '回族', 198112, '中共党员', IDS.chen, '大学', '安康高新区管委会', '招商服务中心主任'];
    ws.getRow(8).values = [5];
    ws.getRow(9).values = ['合计', '', '', '', '', '', '', '', '', '', '', '共4人'];
    ws.getRow(11).values = ['注：身份证号请以文本格式填写'];
    ws.getRow(12).values = [];
  });
}
