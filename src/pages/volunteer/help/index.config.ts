export default definePageConfig({ navigationBarTitleText: '呼叫志愿者' })
