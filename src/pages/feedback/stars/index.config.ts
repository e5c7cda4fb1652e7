export default definePageConfig({ navigationBarTitleText: '服务明星评选' })
