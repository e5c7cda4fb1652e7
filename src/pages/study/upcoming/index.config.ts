export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '近期学习活动' })
