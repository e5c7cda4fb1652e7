export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '上报院外服务' })
