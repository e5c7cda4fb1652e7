export default definePageConfig({ navigationBarTitleText: '继续医学教育学分证明' })
