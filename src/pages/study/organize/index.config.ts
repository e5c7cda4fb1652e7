export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '组织学习活动' })
