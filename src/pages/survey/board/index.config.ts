export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '满意度公示' })
