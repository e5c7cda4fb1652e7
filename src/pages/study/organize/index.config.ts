export default definePageConfig({ navigationBarTitleText: '组织学习活动' })
