// Strings of the patient chart, in Chinese.
export const zhCN = {
  title: '患者病历',
  notFound: '未找到该患者，或您无权查看其病历。',
  tabs: {
    summary: '概览', encounters: '就诊记录', problems: '诊断/问题', allergies: '过敏', medications: '用药', vitals: '生命体征',
    results: '检验结果', documents: '病历文书', orders: '医嘱',
  },
  banner: {
    mrn: '病案号', idCard: '身份证', allergies: '过敏', noAllergyRecorded: '未记录过敏史', location: '当前位置', inHospital: '住院',
    inClinic: '门诊就诊中', notInHospital: '未在院', born: '出生日期', phone: '电话', highRisk: '高危',
  },
  summary: {
    activeProblems: '当前诊断/问题', latestVitals: '最近生命体征', current: '当前就诊', recent: '最近就诊', none: '无', more: '查看全部',
    measuredAt: '测量于 {{time}}',
  },
  encounters: { empty: '暂无就诊记录', department: '科室', doctor: '医生', location: '位置', reason: '诊断/原因', disposition: '离院方式' },
  problems: {
    empty: '暂无诊断记录', code: 'ICD-10', name: '诊断名称', category: '类别', status: '临床状态', onset: '发病', abatement: '缓解/痊愈', recorded: '记录时间',
    recorder: '记录者', verification: '确认状态',
    categories: { 'problem-list-item': '问题列表', 'encounter-diagnosis': '就诊诊断' },
    clinical: { active: '活动', recurrence: '复发', relapse: '复发', inactive: '非活动', remission: '缓解', resolved: '已痊愈' },
  },
  allergies: {
    empty: '未记录过敏史', substance: '过敏原', category: '类别', criticality: '危险程度', reaction: '过敏反应', severity: '严重程度', status: '状态', recorded: '记录时间',
    categories: { medication: '药物', food: '食物', environment: '环境', biologic: '生物制品' },
    criticalities: { high: '高', low: '低', 'unable-to-assess': '无法评估' },
    severities: { mild: '轻度', moderate: '中度', severe: '重度' },
    clinical: { active: '活动', inactive: '非活动', resolved: '已消除' },
  },
  medications: {
    empty: '暂无用药记录', medication: '药品', dosage: '用法用量', status: '状态', date: '开立/记录时间', requester: '开立医生', kind: '来源',
    request: '医嘱', statement: '用药记录', intent: '类型',
    statuses: {
      active: '执行中', 'on-hold': '暂停', cancelled: '已撤销', completed: '已完成', 'entered-in-error': '录入错误', stopped: '已停止', draft: '草稿',
      unknown: '未知', intended: '计划', 'not-taken': '未服用',
    },
  },
  vitals: {
    empty: '暂无生命体征记录', chart: '趋势图', table: '记录表', time: '测量时间', normalRange: '正常范围', noRangeChild: '儿童的正常值随年龄变化，图中不标示正常范围。',
    source: '正常范围（成人）来源：诊断学（第9版）；中国高血压防治指南（2018年修订版）；血氧饱和度依 NEWS2（RCP 2017）。',
    low: '偏低', high: '偏高',
    names: { temp: '体温', hr: '心率', rr: '呼吸', spo2: '血氧饱和度', bp: '血压', sbp: '收缩压', dbp: '舒张压', weight: '体重', height: '身高' },
  },
  results: {
    empty: '暂无检验结果', reports: '检验报告', report: '报告', status: '状态', issued: '报告时间', conclusion: '结论', analytes: '检验项目', analyte: '项目',
    value: '结果', range: '参考范围', flag: '提示', time: '时间', trend: '趋势', chooseAnalyte: '选择项目查看趋势', onlyAbnormal: '只看异常',
    flags: { H: '偏高', L: '偏低', HH: '危急高值', LL: '危急低值', A: '异常', AA: '危急异常', N: '正常', HU: '显著偏高', LU: '显著偏低', POS: '阳性', NEG: '阴性' },
    statuses: { registered: '已登记', partial: '部分报告', preliminary: '初步报告', final: '已审核', amended: '已修改', corrected: '已更正', cancelled: '已取消', 'entered-in-error': '录入错误' },
    patient: '患者端', release: '发布给患者', releaseTitle: '把这份报告发布给患者？', releaseText: '患者将在患者服务的“检查检验结果”中看到这份报告，并收到通知。发布后不能撤回。',
    released: '已发布 {{time}}', releasedOk: '已发布给患者', notFinal: '报告审核后才能发布',
  },
  loadFailed: '加载失败',
};
