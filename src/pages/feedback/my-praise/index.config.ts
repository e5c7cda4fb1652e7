export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '我收到的表扬' })
