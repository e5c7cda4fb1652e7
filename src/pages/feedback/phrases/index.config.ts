export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '暖语手册' })
