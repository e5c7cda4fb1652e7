export default definePageConfig({ navigationBarTitleText: '表扬与投诉' })
