import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Col, Flex, Form, Input, Row, Select, Skeleton, Space } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DEGREES, EDUCATION_LEVELS, GENDERS, HEALTH_STATES, NATIONS, PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/codes';
import { CadreInputSchema, emptyCadre, type Cadre, type CadreData } from '../../../shared/cadre';
import { checkIdNumber } from '../../../shared/validators/idNumber';
import { api, ApiError, errorMessage } from '../../api/client';
import { DayInput } from '../../components/DayInput';
import { FamilyEditor } from '../../components/FamilyEditor';
import { PhotoUpload } from '../../components/PhotoUpload';
import { ResumeEditor } from '../../components/ResumeEditor';
import { YearMonthInput } from '../../components/YearMonthInput';
import { revalidateShownErrors, useFormDirty } from '../../lib/formDirty';
import { usePageKeys } from '../../lib/keyboard';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { rulesFor } from '../../lib/zodFormRule';

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/**
 * Create or edit a cadre's file, with the shared validation inline. Leaving with unsaved changes (another menu item,
 * 取消, Esc, closing the window) asks first; Ctrl+Enter or Ctrl+S saves.
 */
export function CadreEditPage() {
  const { id: idParam } = useParams();
  const id = idParam ? Number(idParam) : undefined;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<CadreData>();
  const [loading, setLoading] = useState(id !== undefined);
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const [photoChanged, setPhotoChanged] = useState(false);
  const rules = useMemo(() => rulesFor(form, CadreInputSchema), [form]);
  const { dirty: formDirty, markClean } = useFormDirty(form);
  const unsaved = useUnsavedChanges(!loading && !loadError && (formDirty || photoChanged));
  /** The file as loaded: its `updatedAt` goes with the save (another clerk's save in between is refused). */
  const [loaded, setLoaded] = useState<Cadre>();
  const versionConflict = useVersionConflict();

  const load = useCallback(async (cadreId: number) => {
    const [c, p] = await Promise.all([api('cadre:get', { id: cadreId }), api('cadre:photo:get', { id: cadreId })]);
    form.resetFields();
    form.setFieldsValue(c);
    markClean();
    setLoaded(c);
    setPhoto(p.jpegBase64);
    setPhotoChanged(false);
  }, [form, markClean]);

  useEffect(() => {
    if (id === undefined) {
      form.setFieldsValue(emptyCadre());
      markClean();
      return;
    }
    load(id)
      .catch((e) => setLoadError(errorMessage(e)))
      .finally(() => setLoading(false));
  }, [id, form, markClean, load]);

  // 取消 and Esc: back to the file (or the list), asking first when something is unsaved.
  const cancel = useCallback(() => unsaved.confirmLeave(() => navigate(id ? `/cadres/${id}` : '/cadres')), [unsaved, navigate, id]);
  usePageKeys({ onSave: () => form.submit(), onEscape: cancel, enabled: !loading && !loadError });

  // Offer the birth date and sex held in the ID number when they are missing or disagree.
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const birthDate = Form.useWatch('birthDate', form) ?? '';
  const gender = Form.useWatch('gender', form);
  const idCheck = idNumber.trim().length >= 18 ? checkIdNumber(idNumber) : null;
  const idInfo = idCheck?.ok ? idCheck.info : null;
  const fromIdDiffers = idInfo && (birthDate !== idInfo.birthYearMonth || gender !== idInfo.gender);

  const save = async () => {
    let values: CadreData;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true);
    } catch {
      message.error('有填写不正确的项目，请按红色提示修改');
      return;
    }
    setSaving(true);
    try {
      const saved = await api('cadre:save', { id, data: { ...values, expectedVersion: loaded?.updatedAt } });
      // Saved: from here on nothing is lost by leaving (a photo that fails below is said so, the file stays saved).
      markClean();
      if (photoChanged) {
        await api('cadre:photo:set', { id: saved.id, jpegBase64: photo });
        setPhotoChanged(false);
      }
      unsaved.release();
      message.success(id ? '档案已保存' : `已新建“${saved.name}”的档案`);
      navigate(`/cadres/${saved.id}`, { replace: true });
    } catch (e) {
      // A newer version saved by someone else: said in the form, with 刷新 (no toast repeating it).
      if (versionConflict.take(e, loaded, values)) return;
      const text = errorMessage(e);
      message.error(text);
      if (e instanceof ApiError && text.startsWith('身份证号')) form.setFields([{ name: 'idNumber', errors: [text.replace(/^身份证号：/, '')] }]);
    } finally {
      setSaving(false);
    }
  };

  if (loading) return <Skeleton active />;
  if (loadError) return <Alert type="error" showIcon message="无法打开档案" description={loadError} />;

  return (
    <Form form={form} layout="vertical" requiredMark onFinish={save} scrollToFirstError>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <h1 className="page-title" style={{ margin: 0 }}>
          {id ? '编辑干部档案' : '新建干部档案'}
        </h1>
        <Space>
          <Button onClick={cancel} title="Esc">
            取消
          </Button>
          <Button type="primary" icon={<SaveOutlined />} htmlType="submit" loading={saving} title="Ctrl+Enter">
            保存
          </Button>
        </Space>
      </Flex>
      {id !== undefined && versionConflict.alert(() => load(id))}
      <Flex vertical gap={16}>
        <Card title="基本信息" size="small">
          <Row gutter={16} wrap={false}>
            <Col flex="auto">
              <Row gutter={16}>
                <Col span={6}>
                  <Form.Item label="姓名" name="name" rules={rules('name', true)}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item label="性别" name="gender" rules={rules('gender', true)} dependencies={['idNumber']}>
                    <Select options={opts(GENDERS)} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="身份证号" name="idNumber" rules={rules('idNumber', true)} validateTrigger={['onBlur', 'onChange']}>
                    <Input maxLength={18} placeholder="18位，末位可为X" />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="出生年月" name="birthDate" rules={rules('birthDate')} dependencies={['idNumber']}>
                    <YearMonthInput />
                  </Form.Item>
                </Col>
              </Row>
              {fromIdDiffers && (
                <Alert
                  style={{ marginBottom: 12 }}
                  type="info"
                  showIcon
                  message={`身份证号显示：出生年月 ${idInfo.birthYearMonth}，性别 ${idInfo.gender}`}
                  action={
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ birthDate: idInfo.birthYearMonth, gender: idInfo.gender });
                        // Every error the filled values may have put right (性别, 出生年月, and what is compared with them).
                        void revalidateShownErrors(form, [['birthDate'], ['gender']]);
                      }}
                    >
                      按身份证号填入
                    </Button>
                  }
                />
              )}
              <Row gutter={16}>
                <Col span={6}>
                  <Form.Item label="民族" name="nation" rules={rules('nation')}>
                    <Select showSearch allowClear options={opts(NATIONS)} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="籍贯" name="nativePlace" rules={rules('nativePlace')}>
                    <Input placeholder="如 陕西安康" />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="出生地" name="birthPlace" rules={rules('birthPlace')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="健康状况" name="health" rules={rules('health')}>
                    <AutoComplete options={opts(HEALTH_STATES)} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="政治面貌" name="politicalStatus" rules={rules('politicalStatus')}>
                    <Select showSearch allowClear options={opts(POLITICAL_STATUSES)} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="入党时间" name="partyJoinDate" rules={rules('partyJoinDate')} tooltip="年月，如 2006.06；民主党派可写“2010.05；民盟”">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="参加工作时间" name="workStartDate" rules={rules('workStartDate')}>
                    <YearMonthInput />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="联系电话" name="phone" rules={rules('phone')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="专业技术职务" name="techTitle" rules={rules('techTitle')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="熟悉专业有何专长" name="expertise" rules={rules('expertise')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
            <Col flex="160px">
              <Form.Item label="照片">
                <PhotoUpload
                  value={photo}
                  onChange={(v) => {
                    setPhoto(v);
                    setPhotoChanged(true);
                  }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="学历学位" size="small">
          {(
            [
              ['ft', '全日制教育'],
              ['pt', '在职教育'],
            ] as const
          ).map(([p, label]) => (
            <Row gutter={16} key={p}>
              <Col span={4}>
                <Form.Item label={`${label}·学历`} name={`${p}Education`} rules={rules(`${p}Education`)}>
                  <AutoComplete options={opts(EDUCATION_LEVELS)} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item label="学位" name={`${p}Degree`} rules={rules(`${p}Degree`)}>
                  <AutoComplete options={opts(DEGREES)} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="毕业院校系及专业（学历）" name={`${p}EduSchool`} rules={rules(`${p}EduSchool`)}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="毕业院校系及专业（学位）" name={`${p}DegreeSchool`} rules={rules(`${p}DegreeSchool`)}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </Card>

        <Card title="职务" size="small">
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="工作单位" name="workUnit" rules={rules('workUnit')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="职级" name="rank" rules={rules('rank')}>
                <Input placeholder="如 一级主任科员" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="人员类别" name="personCategory" rules={rules('personCategory')}>
                <Select allowClear options={opts(PERSON_CATEGORIES)} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="现任职务" name="currentPosition" rules={rules('currentPosition')} tooltip="按任免审批表打印的全称">
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="拟任职务" name="proposedPosition" rules={rules('proposedPosition')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="拟免职务" name="proposedRemoval" rules={rules('proposedRemoval')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="简历" size="small">
          <ResumeEditor form={form} rules={rules} />
        </Card>

        <Card title="奖惩情况、年度考核结果、任免理由" size="small">
          <Form.Item label="奖惩情况" name="rewards" rules={rules('rewards')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item label="年度考核结果" name="annualAssessment" rules={rules('annualAssessment')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如 2023年、2024年年度考核均为称职" />
          </Form.Item>
          <Form.Item label="任免理由" name="appointmentReason" rules={rules('appointmentReason')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Card>

        <Card title="家庭主要成员及重要社会关系" size="small">
          <FamilyEditor rules={rules} />
        </Card>

        <Card title="填表信息与备注" size="small">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="呈报单位" name="reportingUnit" rules={rules('reportingUnit')} tooltip="打印在任免审批表第二页">
                <Input placeholder="如 中共安康市委组织部" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="填表人" name="formFiller" rules={rules('formFiller')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="填表时间" name="fillDate" rules={rules('fillDate')} tooltip="空着时任免审批表上留空，由填表人手写">
                <DayInput />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="计算年龄时间" name="ageCalcDate" rules={rules('ageCalcDate')} tooltip="任免审批表上“出生年月（岁）”按此日期计算年龄；空着时按打印当天计算">
                <DayInput />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="标签" name="tags" rules={rules('tags')}>
                <Select mode="tags" placeholder="输入后回车，如 东西部协作" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="备注" name="remarks" rules={rules('remarks')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Flex justify="end">
          <Button type="primary" icon={<SaveOutlined />} htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
