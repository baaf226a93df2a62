// Strings of the appointments module in Chinese (default). Keep the same keys as en.ts.
export const zhCN = {
  nav: { appointments: '预约挂号' },
  title: '分时段预约',
  tabs: { book: '预约挂号', list: '预约列表', roster: '出诊与停诊' },
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  today: '今天',
  tomorrow: '明天',
  am: '上午',
  pm: '下午',
  book: {
    patient: '患者', patientPlaceholder: '姓名、拼音、病案号、证件号或手机号', patientHint: '护士只能查到本病区的患者（访问策略）',
    department: '科室', departmentPlaceholder: '选择科室', date: '日期', nextFree: '最近可约 {{when}}', noNextFree: '暂无号源',
    pickPatient: '先选择患者', pickDepartment: '选择科室后显示号源', confirmTitle: '确认预约', confirm: '预约',
    booked: '已为 {{patient}} 预约 {{when}}', noSlots: '当天该科室没有门诊号源', free: '可约', taken: '已约', stopped: '停诊',
    freeCount: '余 {{n}}', legend: '点击可约时段预约',
  },
  list: {
    date: '就诊日期', patient: '患者', allPatients: '全部患者', empty: '没有预约', refresh: '刷新',
    cancel: '取消', cancelTitle: '取消这个预约？', cancelReason: '取消原因（可选）', cancelled: '预约已取消',
    reschedule: '改约', rescheduleTitle: '改约：选择新的时段', rescheduled: '已改约到 {{when}}', byClinic: '停诊取消', byPatient: '患者取消', byStaff: '工作人员取消',
  },
  columns: { time: '时间', patient: '患者', department: '科室', doctor: '医生', room: '诊室', status: '状态', channel: '渠道', actions: '操作' },
  status: {
    proposed: '待确认', pending: '待确认', booked: '已预约', arrived: '已签到', fulfilled: '已就诊', cancelled: '已取消', noshow: '爽约',
    'entered-in-error': '录入错误', 'checked-in': '已签到', waitlist: '候补',
  },
  channel: { portal: '患者自助', desk: '窗口/护士站' },
  roster: {
    generateTitle: '由排班生成号源', generateHelp: '按医生的出诊时间（PractitionerRole.availableTime）和诊室生成门诊号源；已有号源的出诊单元不变，可重复执行。',
    from: '开始日期', days: '天数', generate: '生成号源', generated: '新增 {{created}} 个号源（{{schedules}} 个出诊排班，{{generatedSessions}}/{{sessions}} 个出诊单元，每号 {{slotMinutes}} 分钟）',
    stopTitle: '停诊', stopHelp: '停诊后该出诊单元的号源停用，已预约的患者预约被取消，并收到中英文停诊通知及最近可改约的时段。',
    department: '科室', schedule: '医生与诊室', schedulePlaceholder: '选择出诊排班', date: '日期', session: '时段', wholeDay: '全天',
    reason: '停诊原因', reasonPlaceholder: '例如：临时手术、外出会诊', reasonRequired: '请填写停诊原因', stop: '停诊',
    stopConfirm: '确认停诊？已预约的患者将被取消并收到通知。', stopped: '已停诊：{{slots}} 个号源停用，取消 {{cancelled}} 个预约，通知 {{notified}} 位患者',
    offered: '通知中提供的可改约时段', required: '必填',
  },
  titles: {
    'chief-physician': '主任医师', 'associate-chief-physician': '副主任医师', 'attending-physician': '主治医师', 'resident-physician': '住院医师',
  },
  errors: { noPatientAccess: '没有权限查看该患者' },
};
