export default definePageConfig({ navigationBarTitleText: '表扬审核' })
