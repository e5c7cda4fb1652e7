export default definePageConfig({ navigationBarTitleText: '患者声音' })
