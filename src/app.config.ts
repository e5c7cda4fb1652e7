export default defineAppConfig({
  pages: ['pages/care/index', 'pages/volunteer/index', 'pages/study/index', 'pages/me/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '仁心',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f4f2',
  },
  tabBar: {
    color: '#5f5f5f',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/care/index', iconPath: 'assets/tabbar/care.png', selectedIconPath: 'assets/tabbar/care-active.png', text: '就医服务' },
      { pagePath: 'pages/volunteer/index', iconPath: 'assets/tabbar/volunteer.png', selectedIconPath: 'assets/tabbar/volunteer-active.png', text: '志愿服务' },
      { pagePath: 'pages/study/index', iconPath: 'assets/tabbar/study.png', selectedIconPath: 'assets/tabbar/study-active.png', text: '学习签到' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png', text: '我的' },
    ],
  },
})
