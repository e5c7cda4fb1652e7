export default definePageConfig({ navigationBarTitleText: '报名志愿者' })
