export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '导入职工花名册' })
