// The console's words, Chinese first with English; the choice is kept in localStorage so it
// persists across pages and visits.
const kKey = 'onestop.office.lang';

const kText = {
  title: ['北区办事大厅 · 管理台', 'Service Hall · Office Console'],
  other_lang: ['English', '中文'],
  sign_in: ['登录', 'Sign in'],
  sign_out: ['退出', 'Sign out'],
  login: ['登录名', 'Login'],
  password: ['密码', 'Password'],
  wrong_password: ['登录名或密码错误', 'Wrong login or password'],
  too_many: ['密码错误次数过多，请 {s} 秒后再试', 'Too many wrong passwords; try again in {s} s'],
  sign_in_hint: ['管理台供北区办、各单位负责人与管委会使用。没有账号请联系北区办。',
    'The console is for the hall office, unit leads and the committee. Ask the hall office for an account.'],
  role_office: ['北区办', 'Hall office'],
  role_unit: ['单位负责人', 'Unit lead'],
  role_viewer: ['管委会（只读）', 'Committee (read only)'],
  nav_hall: ['实时大厅', 'Live hall'],
  nav_services: ['办事指南', 'Service guide'],
  nav_windows: ['窗口设置', 'Windows'],
  nav_devices: ['设备', 'Devices'],
  nav_staff: ['窗口人员', 'Staff'],
  nav_notices: ['公告', 'Notices'],
  nav_figures: ['统计', 'Figures'],
  nav_audit: ['操作日志', 'Audit log'],
  nav_accounts: ['账号', 'Accounts'],
  loading: ['加载中…', 'Loading…'],
  err_network: ['无法连接服务器，请检查网络。', 'The hub cannot be reached; check the network.'],
  err_no_route: ['本服务器尚未提供此功能（404）。请升级 onestop-hub。',
    'This hub does not offer this yet (404). Upgrade onestop-hub.'],
  err_forbidden: ['您的账号无权进行此操作或查看此页（403）。', 'Your account may not see or do this (403).'],
  err_csrf: ['安全校验失败，请刷新页面后重试（403 csrf）。', 'The security check failed; reload the page and try again (403 csrf).'],
  err_stale: ['其他人已修改此业务，请刷新后再编辑（409）。', 'Someone else changed this service; reload and edit again (409).'],
  err_hub: ['服务器答复：', 'The hub answered: '],
  no_page: ['没有这个页面。', 'There is no such page.'],
  none: ['无', 'none'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  add: ['添加', 'Add'],
  remove: ['删除', 'Remove'],
  create: ['创建', 'Create'],
  refresh: ['刷新', 'Refresh'],
  print: ['打印', 'Print'],
  actions: ['操作', 'Actions'],
  updated_at: ['更新于 {time}', 'Updated {time}'],
  live_on: ['实时', 'Live'],
  live_off: ['实时连接中断，每 30 秒刷新', 'Live link lost; refreshing every 30 s'],
  // Live hall
  alerts: ['提醒', 'Alerts'],
  no_alerts: ['暂无提醒', 'No alerts'],
  windows: ['窗口', 'Windows'],
  window_n: ['{n} 号窗口', 'Window {n}'],
  status_open: ['开放', 'Open'],
  status_paused: ['暂停', 'Paused'],
  status_closed: ['未开放', 'Closed'],
  paused_since: ['暂停于 {time}', 'Paused since {time}'],
  pause_reason: ['原因：{reason}', 'Reason: {reason}'],
  on_duty: ['在岗：{name}（{number}）', 'On duty: {name} ({number})'],
  nobody: ['无人在岗', 'Nobody on duty'],
  current: ['当前号', 'Serving'],
  called_at: ['叫号于 {time}', 'Called at {time}'],
  served_today: ['今日已办 {n}', 'served today: {n}'],
  window_waiting: ['等候 {n} 人', '{n} waiting'],
  services: ['业务', 'Services'],
  service: ['业务', 'Service'],
  unit: ['单位', 'Unit'],
  waiting: ['等候人数', 'Waiting'],
  longest_wait: ['最长等候（分钟）', 'Longest wait (min)'],
  average_wait_today: ['今日平均等候（分钟）', 'Average wait today (min)'],
  open_now: ['可取号', 'Open'],
  // Service guide
  code: ['代码', 'Code'],
  name: ['名称', 'Name'],
  name_zh: ['名称（中文）', 'Name (Chinese)'],
  name_en: ['名称（英文）', 'Name (English)'],
  who_may_apply: ['申请条件', 'Who may apply'],
  who_zh: ['申请条件（中文）', 'Who may apply (Chinese)'],
  who_en: ['申请条件（英文）', 'Who may apply (English)'],
  colon: ['：', ': '],
  steps: ['办理流程', 'Steps'],
  materials: ['所需材料', 'Materials'],
  mode: ['办理方式', 'Handling'],
  mode_instant: ['即办件', 'Done at once'],
  mode_deadline: ['承诺件', 'Promised by a date'],
  mode_joint: ['联办件', 'Joint with other units'],
  promised_days: ['承诺时限（工作日）', 'Promised within (working days)'],
  zh: ['中文', 'Chinese'],
  en: ['英文', 'English'],
  add_row: ['添加一行', 'Add a row'],
  edit: ['编辑', 'Edit'],
  back_to_list: ['返回列表', 'Back to the list'],
  version: ['版本 {v}', 'Version {v}'],
  versions: ['修改记录', 'Version history'],
  no_versions: ['尚无修改记录', 'No changes yet'],
  changed_by: ['{who} 于 {at}', '{who} at {at}'],
  field: ['字段', 'Field'],
  before: ['修改前', 'Before'],
  after: ['修改后', 'After'],
  not_your_unit: ['此业务属于{unit}，您只能编辑本单位的业务。', 'This service is {unit}\'s; you edit only your own unit\'s services.'],
  read_only: ['您的账号只能查看。', 'Your account reads only.'],
  published: ['已发布：自助机与办事指南立即更新。', 'Published: kiosks and the public guide show it now.'],
  cancel: ['取消', 'Cancel'],
  // Windows
  windows_intro: ['窗口的增设、调整与撤销由北区办按学期安排，自所选日期起生效（第七至十条）。',
    'The hall office adds, changes and closes windows term by term; each plan takes effect from its date (arts. 7–10).'],
  window_kind: ['类型', 'Kind'],
  kind_fixed: ['固定窗口', 'Fixed'],
  kind_periodic: ['周期性窗口', 'Periodic'],
  hours: ['办公时间', 'Hours'],
  no_hours: ['不开放', 'not open'],
  day_mon: ['周一', 'Mon'], day_tue: ['周二', 'Tue'], day_wed: ['周三', 'Wed'], day_thu: ['周四', 'Thu'],
  day_fri: ['周五', 'Fri'], day_sat: ['周六', 'Sat'], day_sun: ['周日', 'Sun'],
  day_to: ['至', '–'],
  add_window: ['增设窗口', 'Add a window'],
  change_window: ['调整', 'Change'],
  change_window_n: ['调整 {n} 号窗口', 'Change window {n}'],
  close_window: ['撤销', 'Close'],
  close_window_n: ['撤销 {n} 号窗口（{name}）', 'Close window {n} ({name})'],
  close_hint: ['自该日起窗口不再开放；若某项业务因此无窗口办理，服务器将拒绝。',
    'From that day the window no longer opens; the hub refuses if a service would be left without a window.'],
  window_number: ['窗口号', 'Window number'],
  accepts_other_units: ['可办理其他单位业务', 'Serves other units\' services too'],
  hours_hint: ['每天填写时段，如 08:30-11:30 13:30-17:00；留空表示当天不开放。',
    'Ranges per day, e.g. 08:30-11:30 13:30-17:00; empty means closed that day.'],
  periods: ['开放时段（周期性窗口）', 'Open periods (periodic windows)'],
  periods_hint: ['每行一段：开始日期 结束日期，如 2026-09-01 2026-09-30。',
    'One period a line: first and last date, e.g. 2026-09-01 2026-09-30.'],
  effective: ['生效日期', 'Takes effect'],
  save_plan: ['保存安排', 'Save the plan'],
  plan_saved: ['已保存：自 {date} 起生效。', 'Saved: takes effect on {date}.'],
  window_plans: ['窗口安排记录', 'Window plans'],
  no_plans: ['尚无窗口安排', 'No plans yet'],
  closed_from: ['撤销窗口', 'Window closed'],
  in_effect: ['已生效', 'In effect'],
  scheduled: ['待生效', 'Scheduled'],
  // Devices
  role: ['类型', 'Role'],
  account_role: ['角色', 'Role'],
  window: ['窗口', 'Window'],
  created_at: ['创建时间', 'Created'],
  last_seen: ['最近在线', 'Last seen'],
  revoked: ['已吊销', 'Revoked'],
  revoke: ['吊销', 'Revoke'],
  revoke_confirm: ['吊销“{name}”？该设备将立即无法连接。', 'Revoke "{name}"? The device is refused at once.'],
  new_device: ['新建设备', 'New device'],
  device_kiosk: ['自助取号机', 'Kiosk'],
  device_pad: ['窗口评价器', 'Window pad'],
  device_board: ['叫号屏', 'Display board'],
  device_counter: ['窗口叫号程序', 'Counter program'],
  device_admin: ['管理脚本', 'Admin script'],
  token_once: ['设备令牌只显示这一次：请在设备的设置界面扫描二维码或输入令牌。',
    'The device token is shown this once: scan the QR code on the device\'s set-up screen or type the token.'],
  // Staff
  staff_number: ['工号', 'Number'],
  lead: ['窗口负责人', 'Window lead'],
  make_lead: ['设为负责人', 'Make lead'],
  unmake_lead: ['取消负责人', 'Remove as lead'],
  disabled: ['已停用', 'Disabled'],
  disable: ['停用', 'Disable'],
  disable_confirm: ['停用 {name}？', 'Disable {name}?'],
  pin: ['PIN（4–12 位数字）', 'PIN (4–12 digits)'],
  reset_pin: ['重置 PIN', 'Reset PIN'],
  new_pin: ['新 PIN', 'New PIN'],
  pin_reset: ['PIN 已重置', 'PIN reset'],
  training: ['上岗培训', 'Training'],
  training_n: ['{n} 条培训记录', '{n} training records'],
  date: ['日期', 'Date'],
  topic: ['内容', 'Topic'],
  passed: ['通过', 'Passed'],
  add_training: ['添加培训记录', 'Add a training record'],
  new_staff: ['新增窗口人员', 'New staff member'],
  status: ['状态', 'Status'],
  active: ['在用', 'Active'],
  // Notices
  notice_zh: ['公告（中文）', 'Notice (Chinese)'],
  notice_en: ['公告（英文）', 'Notice (English)'],
  starts_at: ['开始时间', 'Starts'],
  ends_at: ['结束时间', 'Ends'],
  ended_at: ['已结束于', 'Ended at'],
  now_showing: ['正在显示', 'Showing now'],
  end_notice: ['结束', 'End'],
  new_notice: ['发布公告', 'Publish a notice'],
  publish: ['发布', 'Publish'],
  optional_time: ['留空：立即开始 / 一直显示', 'Empty: starts now / no end'],
  // Figures
  from: ['从', 'From'],
  to: ['到', 'To'],
  by: ['按', 'By'],
  by_day: ['日期', 'Day'],
  by_unit: ['单位', 'Unit'],
  all_units: ['全部单位', 'All units'],
  staff_only: ['仅工号 {staff}', 'Staff {staff} only'],
  clear: ['清除', 'Clear'],
  drill_unit: ['查看该单位各人员', 'This unit\'s staff'],
  drill_staff: ['查看此人每日数据', 'This person\'s days'],
  by_service: ['业务', 'Service'],
  by_window: ['窗口', 'Window'],
  by_staff: ['人员', 'Staff'],
  show: ['查询', 'Show'],
  tickets: ['取号', 'Tickets'],
  served: ['办结', 'Served'],
  no_show: ['过号', 'No-shows'],
  average_wait: ['平均等候（分钟）', 'Average wait (min)'],
  max_wait: ['最长等候（分钟）', 'Longest wait (min)'],
  average_service: ['平均办理（分钟）', 'Average service (min)'],
  waits_chart: ['等候与办理时长（分钟）', 'Waits and service times (min)'],
  export_csv: ['导出 CSV', 'Export CSV'],
  export_xlsx: ['导出 Excel', 'Export Excel'],
  no_rows: ['该时间段没有数据', 'No figures for these dates'],
  no_charts: ['图表库未安装（运行 scripts/setup），仅显示表格。', 'The chart library is not installed (run scripts/setup); tables only.'],
  figures_title: ['{from} 至 {to} 统计（按{by}）', 'Figures {from} to {to} (by {by})'],
  // Audit
  who: ['操作人', 'Who'],
  action: ['操作', 'Action'],
  target: ['对象', 'Target'],
  at: ['时间', 'When'],
  since: ['起始日期', 'Since'],
  limit: ['条数', 'Rows'],
  change: ['变更', 'Change'],
  filter: ['筛选', 'Filter'],
  no_entries: ['没有符合条件的记录', 'No matching entries'],
  // Accounts
  new_account: ['新建账号', 'New account'],
  display_name: ['姓名', 'Name'],
  unit_only: ['（仅单位负责人）', '(unit leads only)'],
};

const kLangs = ['zh', 'en'];

export function lang() {
  const saved = localStorage.getItem(kKey);
  return kLangs.includes(saved) ? saved : 'zh';
}

export function setLang(value) {
  localStorage.setItem(kKey, value);
  document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
}

// The key's text in the chosen language with {name} slots filled.
export function t(key, args = {}) {
  const pair = kText[key];
  if (!pair) return key;
  const text = pair[lang() === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
}

// A {zh, en} value from the API in the chosen language (the other one when it is empty).
export function pick(text) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return (lang() === 'zh' ? text.zh || text.en : text.en || text.zh) || '';
}

// "2026-11-27T09:30:00+08:00" → "2026-11-27 09:30" (the hall's own time, as sent).
export function when(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

// Fills every [data-i18n] element's text (static parts of login.html and index.html).
export function translateStatic(root = document) {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('title');
}
