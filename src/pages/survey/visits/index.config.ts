export default definePageConfig({ navigationBarTitleText: '就诊导入与评价码' })
