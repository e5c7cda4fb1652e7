export default definePageConfig({ navigationBarTitleText: '导入职工花名册' })
