export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '年度服务排行' })
