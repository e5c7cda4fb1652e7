export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '投诉处理' })
