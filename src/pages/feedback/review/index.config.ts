export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '表扬审核' })
