// The patient pages' strings in Chinese (simplified). Keep the same keys as en.ts. The field problems come from the
// shared table of src/modules/emr/patients/problem-codes.ts (the server words its OperationOutcomes the same way).
import { PROBLEM_TEXT } from '../../../../../../src/modules/emr/patients/problem-codes';

export const zhCN = {
  nav: { patients: '患者' },
  search: {
    title: '患者', placeholder: '姓名、拼音或首字母（如 zs）、身份证号、病案号、手机号', button: '查找',
    register: '登记新患者', recent: '最近更新的患者', total: '共 {{count}} 位', more: '加载更多',
    noMatch: '未找到与“{{q}}”匹配的患者', noMatchHint: '请检查输入，或换用其他信息查找（姓名、拼音、证件号、病案号、手机号）。',
    none: '暂无可显示的患者',
    matchedBy: {
      recent: '最近更新', 'id-number': '按证件号码', phone: '按电话号码', number: '按病案号或证件号', document: '按证件号码',
      name: '按姓名', 'name-contains': '按姓名（包含）', pinyin: '按拼音',
    },
  },
  columns: { name: '姓名', sex: '性别', age: '年龄', birthDate: '出生日期', mrn: '病案号', document: '证件', phone: '电话', actions: '操作' },
  actions: { open: '打开病历', merge: '合并…' },
  merged: { tag: '已合并', into: '已合并到 {{name}}', intoId: '已合并到另一记录', inactive: '已停用', openTarget: '查看保留的记录' },
  sex: { male: '男', female: '女', other: '其他', unknown: '未知' },
  age: { year: '{{count}} 岁', month: '{{count}} 个月', day: '{{count}} 天' },
  register: {
    title: '登记新患者', subtitle: '按证件登记；居民身份证号码会自动校验并带出出生日期和性别。',
    identity: '身份信息', contactInfo: '联系方式', emergency: '紧急联系人（选填）',
    name: '姓名', namePlaceholder: '与证件一致，如 张三', idType: '证件类型', idNumber: '证件号码', sex: '性别', birthDate: '出生日期',
    phone: '手机号码', phonePlaceholder: '11 位手机号或带区号的固定电话', address: '住址', addressPlaceholder: '省 市 区 街道 门牌号（选填）',
    contactName: '姓名', relationship: '关系', contactPhone: '电话',
    submit: '登记', reset: '清空', back: '返回查找',
    fromId: '已按证件号码填写出生日期和性别',
    fixErrors: '请按提示修改标红的项目',
    duplicateId: '该证件号码已登记，不能重复建档', possibleDuplicate: '可能重复：已有同名、同出生日期、同电话的患者',
    duplicateHint: '请先确认是否为同一人。', openExisting: '打开已有患者', registerAnyway: '确认不是同一人，仍然登记',
    done: '登记成功', doneSubtitle: '{{name}}，病案号 {{mrn}}', openChart: '打开病历', another: '继续登记',
  },
  relationships: { SPS: '配偶', MTH: '母亲', FTH: '父亲', SON: '儿子', DAU: '女儿', SIB: '兄弟姐妹', GRPRN: '祖父母/外祖父母', GRNDCHILD: '孙子女/外孙子女', GUARD: '监护人', FRND: '朋友' },
  merge: {
    title: '合并患者记录', intro: '把重复建立的记录合并到应保留的记录。合并会被记录（操作人、时间、原因），被合并的记录将停用并指向保留的记录，不可撤销。',
    source: '被合并的记录（将停用）', target: '保留的记录', targetPlaceholder: '输入姓名、拼音、病案号或证件号查找',
    reason: '合并原因', reasonPlaceholder: '例如：同一患者使用身份证和护照各建了一份档案', submit: '合并', done: '已合并到 {{name}}',
    noTarget: '请选择保留的记录', sameRecord: '不能选择同一记录',
  },
  errors: Object.fromEntries(Object.entries(PROBLEM_TEXT).map(([code, [zh]]) => [code, zh])),
};
