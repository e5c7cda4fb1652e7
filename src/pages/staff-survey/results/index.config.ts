export default definePageConfig({ navigationBarTitleText: '职工满意度结果' })
