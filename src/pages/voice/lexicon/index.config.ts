export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '评论标注词典' })
