export default definePageConfig({ navigationBarTitleText: '暖语手册' })
