export default definePageConfig({ navigationBarTitleText: '上报院外服务' })
