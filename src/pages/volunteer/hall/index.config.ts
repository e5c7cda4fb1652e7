export default definePageConfig({ navigationBarTitleText: '上岗接单', enablePullDownRefresh: true })
