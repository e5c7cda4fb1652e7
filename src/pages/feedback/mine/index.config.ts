export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '我的表扬与投诉' })
