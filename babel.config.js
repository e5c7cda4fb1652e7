// Taro's preset handles JSX, TypeScript and the per-platform transforms.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
