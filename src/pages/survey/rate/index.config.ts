export default definePageConfig({
  navigationBarTitleText: '满意度评价',
  // The WeChat questionnaire rates with the native component (rating-item.weapp.tsx); H5 does not use it.
  ...(process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'rx-rating': '../../../components/native/rx-rating/index' } }
    : {}),
})
