export default definePageConfig({ navigationBarTitleText: '近期学习活动' })
