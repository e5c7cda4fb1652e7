import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Which transport the app uses to reach the cloud functions:
 * - `cloud`: Taro.cloud.callFunction (WeChat, production)
 * - `http`: POST /fn/<name> to the local cloud host (H5, and weapp against a dev host)
 */
function transportFor(platform: string | undefined): 'cloud' | 'http' {
  const chosen = process.env.RENXIN_TRANSPORT
  if (chosen === 'cloud' || chosen === 'http') return chosen
  return platform === 'weapp' ? 'cloud' : 'http'
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV
  const devTools = process.env.RENXIN_DEV_TOOLS ?? (platform === 'h5' ? 'true' : 'false')
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'renxin',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: platform === 'h5' ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      RENXIN_TRANSPORT: JSON.stringify(transportFor(platform)),
      RENXIN_API_BASE: JSON.stringify(process.env.RENXIN_API_BASE ?? ''),
      RENXIN_CLOUD_ENV: JSON.stringify(process.env.RENXIN_CLOUD_ENV ?? ''),
      RENXIN_DEV_TOOLS: JSON.stringify(devTools === 'true'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      // One small hospital app: webpack's 244 KiB advice for websites is noise here.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
