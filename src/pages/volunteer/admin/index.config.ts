export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '志愿者管理' })
