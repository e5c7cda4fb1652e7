export default definePageConfig({ navigationBarTitleText: '我的表扬与投诉' })
