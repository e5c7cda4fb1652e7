export default definePageConfig({ navigationBarTitleText: '就医服务', enablePullDownRefresh: false })
