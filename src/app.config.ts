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
      { pagePath: 'pages/care/index', text: '就医服务' },
      { pagePath: 'pages/volunteer/index', text: '志愿服务' },
      { pagePath: 'pages/study/index', text: '学习签到' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
