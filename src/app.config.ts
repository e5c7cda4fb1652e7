export default defineAppConfig({
  // WeChat's privacy check: privacy APIs wait for consent to the 用户隐私保护指引 (see app.tsx).
  __usePrivacyCheck__: true,
  // Study check-in inside a session's location fence (declared in the privacy guide as 位置信息).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '学习签到时确认您在会场附近，位置不保存' } },
  pages: ['pages/tabs/care/index', 'pages/tabs/volunteer/index', 'pages/tabs/study/index', 'pages/tabs/me/index'],
  // Feature pages live in one subpackage per area, keeping the main package (tabs) small.
  subPackages: [
    { root: 'pages/survey', pages: ['rate/index', 'board/index', 'dashboard/index', 'alerts/index', 'visits/index'] },
    {
      root: 'pages/feedback',
      pages: [
        'phrases/index',
        'submit/index',
        'mine/index',
        'detail/index',
        'queue/index',
        'review/index',
        'wall/index',
        'my-praise/index',
        'stars/index',
      ],
    },
    {
      root: 'pages/study',
      pages: [
        'upcoming/index',
        'check-in/index',
        'organize/index',
        'session-form/index',
        'qr/index',
        'live/index',
        'record/index',
        'cme-record/index',
        'stats/index',
      ],
    },
    {
      root: 'pages/volunteer',
      pages: [
        'help/index',
        'register/index',
        'hall/index',
        'record/index',
        'ranking/index',
        'admin/index',
        'report/index',
        'certificate/index',
        'verify/index',
      ],
    },
    { root: 'pages/identity', pages: ['roster/index', 'privacy/index'] },
    { root: 'pages/staff-survey', pages: ['answer/index', 'results/index'] },
    { root: 'pages/voice', pages: ['lexicon/index', 'heat/index'] },
  ],
  // Inject only the components a page renders, so a cold start does not evaluate every page's code.
  lazyCodeLoading: 'requiredComponents',
  // Each tab fetches, on Wi-Fi, the subpackages its buttons most often open, so the first tap does not wait.
  preloadRule: {
    'pages/tabs/care/index': { network: 'wifi', packages: ['pages/survey', 'pages/feedback'] },
    'pages/tabs/volunteer/index': { network: 'wifi', packages: ['pages/volunteer'] },
    'pages/tabs/study/index': { network: 'wifi', packages: ['pages/study'] },
    'pages/tabs/me/index': { network: 'wifi', packages: ['pages/identity'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '仁心',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f4f2',
    // WeChat's default; in H5 it turns on Taro's title bar, with a back button on every non-tab page.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#5f5f5f',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/tabs/care/index',
        iconPath: 'assets/tabbar/care.png',
        selectedIconPath: 'assets/tabbar/care-active.png',
        text: '就医服务',
      },
      {
        pagePath: 'pages/tabs/volunteer/index',
        iconPath: 'assets/tabbar/volunteer.png',
        selectedIconPath: 'assets/tabbar/volunteer-active.png',
        text: '志愿服务',
      },
      {
        pagePath: 'pages/tabs/study/index',
        iconPath: 'assets/tabbar/study.png',
        selectedIconPath: 'assets/tabbar/study-active.png',
        text: '学习签到',
      },
      {
        pagePath: 'pages/tabs/me/index',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
        text: '我的',
      },
    ],
  },
})
