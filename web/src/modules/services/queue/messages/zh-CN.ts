// Strings of the queue module in Chinese. Keep the same keys as en.ts.
export const zhCN = {
  nav: { queue: '叫号', board: '候诊大屏' },
  status: { waiting: '候诊', called: '已叫号', skipped: '过号', done: '已就诊', cancelled: '已取消' },
  doctor: {
    title: '门诊叫号', room: '诊室', chooseRoom: '选择诊室', noRoom: '今天没有您的出诊安排；请选择一个诊室。', session: '出诊时间 {{start}}–{{end}}',
    openBoard: '打开候诊大屏', current: '当前就诊', nobodyCalled: '还没有叫号。点击“叫下一位”开始。', next: '叫下一位', recall: '重呼', skip: '过号', finish: '完成就诊',
    openChart: '打开病历', waiting: '候诊', waitingCount: '候诊 {{n}} 人', skipped: '过号', done: '已就诊 {{n}} 人', nobodyWaiting: '没有候诊的患者',
    noSkipped: '没有过号的患者', rejoins: '再叫 {{n}} 位后回到队列', rejoined: '已回到队列', late: '迟到', calls: '第 {{n}} 次叫号', checkedIn: '签到 {{time}}',
    called: '已叫 {{ticket}} 号', noneLeft: '没有候诊的患者了', finished: '{{ticket}} 号已完成就诊', skippedDone: '{{ticket}} 号已过号', recalled: '已重呼 {{ticket}} 号',
    skipConfirm: '将 {{ticket}} 号标记为过号？患者在再叫几位后回到队列。', finishConfirm: '结束 {{ticket}} 号的就诊？', live: '实时更新', offline: '正在重新连接…',
  },
  columns: { ticket: '号码', patient: '患者', checkedIn: '签到', position: '前面', actions: '操作' },
  preVisit: {
    title: '预问诊（智能导诊）', none: '患者没有填写智能导诊。', emergency: '导诊提示急危重症，请优先评估', redFlags: '危险信号', complaint: '患者自述', departments: '导诊推荐科室', authored: '填写于 {{time}}',
  },
  board: {
    title: '候诊叫号', allRooms: '全院', callNow: '请 {{ticket}} 号 {{name}} 到 {{room}} 就诊', nowServing: '正在就诊', next: '下一位', waiting: '候诊 {{n}} 人',
    recent: '最近叫号', noCalls: '还没有叫号', empty: '今天还没有患者签到', enableSound: '开启语音播报', soundOn: '语音播报已开启', soundOff: '语音未开启',
    soundUnsupported: '此浏览器不支持语音播报', soundTest: '语音播报已开启', live: '实时', connecting: '正在连接…', reconnecting: '连接中断，正在重连…',
    ended: '登录已失效，请重新登录后打开大屏', unsupported: '此浏览器不支持实时更新', choose: '选择科室或诊室', department: '科室', room: '诊室', all: '全部',
    apply: '确定', exit: '退出大屏', loginRequired: '大屏需要医护人员账号登录',
  },
};
