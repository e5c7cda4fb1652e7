export default definePageConfig({ navigationBarTitleText: '学习活动' })
