export default definePageConfig({ navigationBarTitleText: '年度服务排行' })
