// The portal's strings in Chinese (simplified). Keep the same keys as en.ts.
export const zhCN = {
  loginLink: '没有账户？注册就诊账户',
  common: { back: '返回', retry: '重试', today: '今天', yes: '是', no: '否', keep: '不用了' },
  tabs: { label: '患者服务导航', home: '首页', guide: '导诊', book: '预约', queue: '排队', me: '我的' },
  notPatient: { title: '患者服务仅供患者使用', text: '您登录的是工作人员账户。患者请使用自己的就诊账户登录。', home: '返回工作台' },
  home: {
    title: '慧医 · 患者服务', hello: '您好，{{name}}', helloAnonymous: '您好', subtitle: '祝您早日康复', mrn: '病案号 {{mrn}}',
    actions: { guide: '智能导诊', book: '预约挂号', appointments: '我的预约', queue: '排队叫号', results: '检查结果', inbox: '消息通知' },
    ticket: '您的排队号', next: '下一个预约', noNext: '暂无预约', view: '查看', unavailable: '预约服务暂不可用，请稍后再试',
    unread: '您有 {{count}} 条未读消息', survey: '您有 {{count}} 次就诊待评价，说说您的感受',
  },
  guide: { title: '智能导诊' },
  book: {
    title: '预约挂号', rescheduleTitle: '改约', step1: '1. 选择科室', step2: '2. 选择日期', step3: '3. 选择时间', step4: '4. 确认预约',
    searchDept: '搜索科室', change: '更换', noDepartments: '没有找到科室', nextFree: '最近可约：{{when}}', full: '近期已约满',
    noSlots: '这一天没有可预约的时间，请换一天', doctor: '医生', confirm: '确认预约', confirmReschedule: '确认改约',
    booked: '预约成功', rescheduled: '改约成功', toMine: '查看我的预约',
    fromGuide: '您在导诊中描述的症状将随预约带给医生',
  },
  appointments: {
    title: '我的预约', new: '挂号', upcoming: '待就诊', past: '历史', none: '暂无待就诊的预约', nonePast: '暂无历史预约',
    cancel: '取消预约', cancelTitle: '确定取消这个预约吗？', cancelText: '{{when}} 的号源将释放给其他患者。', cancelled: '已取消预约',
    reschedule: '改约', toQueue: '查看排队', stopped: '医生停诊', stoppedText: '医生停诊，预约已取消，请改约其他时间',
    status: { booked: '已预约', arrived: '已签到', fulfilled: '已就诊', cancelled: '已取消', noshow: '未到诊', pending: '待确认', 'checked-in': '已签到' },
  },
  checkIn: {
    button: '签到', done: '签到成功，您的号码是 {{number}} 号', room: '请到 {{room}} 门口候诊，前面还有 {{count}} 人。', follow: '查看排队',
  },
  queue: {
    title: '排队叫号', number: '排队号', none: '今天还没有排队。就诊当天在“我的预约”中签到即可取号。', toAppointments: '去签到',
    ahead: '前面还有 {{count}} 人', next: '下一位就是您，请在诊室门口等候', waiting: '候诊中', calledShort: '正在叫您',
    called: '请到 {{room}} 就诊', skipped: '已过号', done: '就诊结束', rejoins: '再叫 {{count}} 个号后您将重新排入队列',
    checkedIn: '{{time}} 签到', calledAt: '{{time}} 叫号', updated: '更新于 {{time}}', auto: '每几秒自动刷新', offline: '暂时无法刷新排队信息',
  },
  results: {
    title: '检查检验结果', intro: '这里显示医生已审核并发布给您的报告。', none: '暂无已发布的报告',
    issued: '报告 {{when}}', released: '发布 {{when}}', range: '参考范围 {{range}}', high: '偏高', low: '偏低', conclusion: '结论：',
    ask: '结果解读请以医生意见为准；如有疑问请咨询您的医生。',
  },
  inbox: {
    title: '消息通知', none: '暂无消息', offered: '为您保留的可选时间：', offeredGone: '保留的时间已被约满。', otherTime: '选择其他时间',
    take: '改约到此时间', takeTitle: '改约到这个时间？', takeText: '{{when}} {{with}}', taken: '改约成功',
  },
  survey: {
    title: '满意度调查', intro: '请对最近的就诊作出评价，您的意见将帮助我们改进服务。', none: '暂无待评价的就诊',
    required: '此题必答', submit: '提交', fix: '请完成标红的题目', thanks: '感谢您的评价', thanksText: '我们会认真改进。', home: '返回首页',
  },
  me: {
    title: '我的', mrn: '病案号', idNumber: '证件号码', phone: '手机号码', account: '账户', appointments: '我的预约', results: '检查检验结果',
    inbox: '消息通知', survey: '满意度调查', language: '语言 / Language', logout: '退出登录',
  },
  register: {
    title: '注册就诊账户', intro: '请使用本人有效证件实名注册。注册后可预约挂号、签到排队、查看报告。',
    name: '姓名', namePlaceholder: '与证件一致', idType: '证件类型', idNumber: '证件号码', sex: '性别', sexes: { male: '男', female: '女' },
    birthDate: '出生日期', phone: '手机号码', phonePlaceholder: '11 位手机号', username: '用户名', usernameHint: '登录时使用，可用字母、数字',
    password: '密码', passwordHint: '至少 {{min}} 位，不能与用户名相同', confirm: '确认密码', mismatch: '两次输入的密码不一致',
    privacy: '您的证件号码和手机号码仅用于建立病历和就诊通知。', submit: '注册并登录',
    haveAccount: '已有账户？', signIn: '登录',
  },
};
