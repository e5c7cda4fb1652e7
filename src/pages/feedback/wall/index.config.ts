export default definePageConfig({ navigationBarTitleText: '表扬墙' })
