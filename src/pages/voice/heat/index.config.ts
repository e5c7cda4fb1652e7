export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '患者声音' })
