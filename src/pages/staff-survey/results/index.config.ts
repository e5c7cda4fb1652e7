export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '职工满意度结果' })
