// The shell's strings in Chinese (simplified). Keep the same keys as en.ts.
export const zhCN = {
  app: { name: '慧医', fullName: '慧医智慧医院平台', tagline: '开源智慧医院平台 · FHIR R4' },
  common: {
    save: '保存', cancel: '取消', confirm: '确认', close: '关闭', edit: '编辑', add: '新增', delete: '删除', search: '搜索',
    reset: '重置', retry: '重试', refresh: '刷新', back: '返回', loading: '加载中…', empty: '暂无数据', yes: '是', no: '否',
    actions: '操作', status: '状态', required: '此项为必填项', saved: '已保存', copy: '复制', copied: '已复制',
  },
  login: {
    title: '登录', subtitle: '请使用医院分配的账号登录', username: '用户名', password: '密码', submit: '登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码', totp: '动态验证码', totpHint: '打开身份验证器应用，输入 6 位动态验证码',
    totpRequired: '请输入 6 位动态验证码', totpFormat: '动态验证码为 6 位数字', failed: '登录失败',
  },
  enrol: {
    title: '绑定身份验证器', intro: '管理员账号首次登录须绑定身份验证器（TOTP，如 Google Authenticator、Microsoft Authenticator 或 FreeOTP）。',
    step1: '用身份验证器应用扫描二维码，或手动输入下面的密钥：', secret: '密钥', uri: '配置链接', step2: '输入应用显示的 6 位验证码完成绑定：',
    code: '验证码', submit: '完成绑定', restart: '重新生成密钥', done: '身份验证器已绑定',
  },
  shell: {
    logout: '退出登录', language: '语言', menu: '菜单', home: '首页', signedInAs: '当前用户', collapse: '收起菜单', expand: '展开菜单',
  },
  roles: {
    admin: '系统管理员', doctor: '医生', nurse: '护士', pharmacist: '药师', technician: '医技人员', manager: '管理人员', patient: '患者',
    dispatcher: '调度员', device: '设备',
  },
  home: {
    welcome: '欢迎，{{name}}', intro: '从左侧菜单选择要进行的工作。', noModules: '您的角色暂无可用的工作区，请联系信息科。',
  },
  notFound: { title: '页面不存在', subtitle: '您访问的页面不存在或已被移除。', home: '返回首页' },
  errors: {
    network: '无法连接服务器，请检查网络后重试。', unauthenticated: '登录已过期，请重新登录。', forbidden: '您没有执行此操作的权限。',
    notFound: '未找到所请求的内容。', conflict: '数据已被他人修改，请刷新后重试。', tooLarge: '提交的内容过大。',
    tooMany: '请求过于频繁，请稍后再试。', server: '服务器出错，请稍后再试。', badRequest: '提交的内容有误，请检查后重试。',
    page: '页面出错了', pageSubtitle: '请刷新页面重试；如问题持续，请联系信息科。',
    codes: {
      invalid_username: '用户名须为 1–64 位字母、数字或“. _ @ -”，并以字母或数字开头。', username_taken: '该用户名已被使用。',
      invalid_roles: '请选择有效的角色。', invalid_fhir_link: '关联的 FHIR 资源不存在或与角色不符（医务人员关联 Practitioner/PractitionerRole，患者关联 Patient，设备关联 Device）。',
      weak_password: '密码不符合要求：员工账号至少 10 位、患者至少 8 位，不能与用户名相同，至少含 4 种不同字符，且不能使用公开的演示密码。',
      invalid_credentials: '用户名或密码错误。', account_locked: '登录失败次数过多，账号已暂时锁定，请稍后再试。',
      too_many_requests: '尝试过于频繁，请稍后再试。', totp_required: '请输入动态验证码。', invalid_totp: '动态验证码错误或已使用过，请等待下一个验证码。',
      totp_enrollment_required: '请先绑定身份验证器。', totp_not_pending: '绑定已失效，请重新生成密钥。', unauthenticated: '登录已过期，请重新登录。',
      forbidden: '您没有执行此操作的权限。', csrf_failed: '会话已失效，请刷新页面后重试。', not_found: '未找到所请求的内容。',
    },
  },
};
