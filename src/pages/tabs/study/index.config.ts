export default definePageConfig({ navigationBarTitleText: '学习签到' })
