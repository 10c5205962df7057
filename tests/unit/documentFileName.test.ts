import { describe, expect, it } from 'vitest';
import { DOCUMENT_FORM_TITLES, MEMBER_FORMS, documentFileName, memberDocumentFileName, safeFileNamePart, singleDocumentFileName } from '../../shared/documentFileName';

describe('safe file names for the printed forms', () => {
  it('removes what Windows refuses, control and invisible characters, and collapses spaces', () => {
    expect(safeFileNamePart('安康市/第7批\\赴常州:挂职*干部?')).toBe('安康市第7批赴常州挂职干部');
    expect(safeFileNamePart('"李<明>远|"')).toBe('李明远');
    expect(safeFileNamePart('李\u0000明\t远\r\n')).toBe('李明远');
    expect(safeFileNamePart('李\u200b明\u202e远\ufeff')).toBe('李明远');
    expect(safeFileNamePart('  第7批 　 赴常州  ')).toBe('第7批 赴常州');
  });

  it('drops the leading and trailing dots and spaces Windows would drop silently, and keeps device names usable', () => {
    expect(safeFileNamePart(' ..第7批.. ')).toBe('第7批');
    expect(safeFileNamePart('...')).toBe('');
    expect(safeFileNamePart('CON')).toBe('CON_');
    expect(safeFileNamePart('lpt1.txt')).toBe('lpt1.txt_');
    expect(safeFileNamePart('CONTROL')).toBe('CONTROL');
  });

  it('keeps a part to 60 characters, cut at a character, never mid-surrogate', () => {
    const long = '批'.repeat(80);
    expect(safeFileNamePart(long)).toBe('批'.repeat(60));
    expect([...safeFileNamePart('𠀀'.repeat(70))]).toHaveLength(60);
  });

  it('names a batch export file <批次>_<姓名>_<表名>.docx, whatever the batch and the name hold', () => {
    expect(memberDocumentFileName('安康市第7批赴常州挂职干部', '李明远', 'appraisal')).toBe('安康市第7批赴常州挂职干部_李明远_挂职干部考核鉴定表.docx');
    expect(memberDocumentFileName('2026/一线:挂职', '王 晓峰', 'growth')).toBe('2026一线挂职_王 晓峰_成长评价报告.docx');
    expect(memberDocumentFileName('', '', 'renmian')).toBe('无批次_未命名_干部任免审批表.docx');
    expect(memberDocumentFileName('***', '???', 'renmian')).toBe('干部任免审批表.docx');
    for (const f of MEMBER_FORMS) expect(memberDocumentFileName('批次', '姓名', f)).toBe(`批次_姓名_${DOCUMENT_FORM_TITLES[f]}.docx`);
  });

  it('names single exports after the form and their subject', () => {
    expect(singleDocumentFileName('appraisal', '李明远')).toBe('挂职干部考核鉴定表-李明远.docx');
    expect(singleDocumentFileName('renmian', 'a/b')).toBe('干部任免审批表-ab.docx');
    expect(documentFileName('安康市第7批赴常州挂职干部工作实绩及考核汇总表')).toBe('安康市第7批赴常州挂职干部工作实绩及考核汇总表.docx');
    expect(documentFileName('', '')).toBe('未命名.docx');
  });
});
