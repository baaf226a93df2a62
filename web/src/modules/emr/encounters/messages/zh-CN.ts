// Strings of the encounters module (visits, admissions, bed boards, the doctor's and nurse's homes), in Chinese.
export const zhCN = {
  nav: { wards: '病区床位', clinic: '今日门诊' },
  class: { AMB: '门诊', EMER: '急诊', IMP: '住院', other: '其他' },
  status: {
    planned: '已预约', arrived: '已挂号', triaged: '已分诊', 'in-progress': '就诊中', onleave: '请假外出', finished: '已结束',
    cancelled: '已取消', 'entered-in-error': '录入错误', unknown: '未知',
  },
  stayStatus: { 'in-progress': '在院', onleave: '请假外出', finished: '已出院' },
  bed: { C: '停用', H: '待清洁', I: '隔离', K: '污染', O: '占用', U: '空闲' },
  actions: {
    startVisit: '开始门诊就诊', startVisitConfirm: '为该患者登记一次门诊就诊（挂号）？', visitStarted: '已登记门诊就诊',
    'to-in-progress': '接诊', 'to-finished': '结束就诊', 'to-cancelled': '取消就诊', 'to-onleave': '请假外出', 'to-in-progress-imp': '销假返回',
    'to-arrived': '到诊签到', 'to-triaged': '分诊',
    cancelConfirm: '确定取消这次就诊？', finishConfirm: '确定结束这次就诊？',
    admit: '办理入院', transfer: '转床', discharge: '办理出院', statusChanged: '状态已更新',
    admitted: '已办理入院：{{bed}}', transferred: '已转至 {{bed}}', discharged: '已办理出院', openChart: '打开病历',
  },
  admit: {
    title: '办理入院', ward: '病区', wardPlaceholder: '选择病区', bed: '床位', bedPlaceholder: '选择空闲床位', noFreeBed: '该病区暂无空闲床位',
    freeBeds: '空床 {{free}} / {{beds}}', reason: '入院诊断', reasonPlaceholder: '如：社区获得性肺炎', icd: 'ICD-10 编码', icdPlaceholder: '如 J18.9',
    icdFormat: 'ICD-10 编码格式如 J18.9', source: '入院途径', submit: '确认入院', wardRequired: '请选择病区', bedRequired: '请选择床位',
  },
  transfer: { title: '转床', current: '当前床位', submit: '确认转床' },
  discharge: { title: '办理出院', disposition: '离院方式', dispositionRequired: '请选择离院方式', submit: '确认出院', confirm: '出院后床位将释放。' },
  doctor: {
    title: '医生工作台', clinicToday: '今日门诊', clinicEmpty: '今天还没有门诊患者', inpatients: '我的住院患者', inpatientsEmpty: '目前没有您主管的住院患者',
    wards: '本科室病区', waiting: '候诊', inConsultation: '就诊中', done: '已完成', findPatient: '查找患者',
  },
  nurse: {
    title: '病区护理工作台', noWard: '您的账号未关联病区，请联系护士长或信息科。', unassigned: '未分配床位的患者', refreshed: '更新于 {{time}}',
  },
  board: {
    beds: '床位 {{n}}', free: '空床 {{n}}', occupied: '在床 {{n}}', closed: '停用 {{n}}', empty: '空床', admittedAt: '入院 {{date}}',
    days: '住院第 {{n}} 天', selectWard: '选择病区', patient: '患者', doctor: '主管医生', legend: '图例',
  },
  columns: {
    time: '时间', patient: '患者', sex: '性别', age: '年龄', status: '状态', reason: '诊断/主诉', bed: '床位', ward: '病区', admitted: '入院时间',
    doctor: '医生', department: '科室', actions: '操作', type: '类型', period: '时间段', location: '位置',
  },
  sex: { male: '男', female: '女', other: '其他', unknown: '未知' },
  age: { years: '{{n}}岁', months: '{{n}}个月', days: '{{n}}天' },
};
