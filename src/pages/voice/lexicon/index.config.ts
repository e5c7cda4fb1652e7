export default definePageConfig({ navigationBarTitleText: '评论标注词典' })
