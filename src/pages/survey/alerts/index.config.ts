export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '差评跟进' })
