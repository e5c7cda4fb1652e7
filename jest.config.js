// One jest run, four layers. `npm test` runs them all; see scripts/test.mjs.
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
}

const common = {
  transform,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  setupFiles: ['<rootDir>/tests/support/build-constants.ts'],
  // The app imports zod's ESM locale files; jest runs CommonJS.
  moduleNameMapper: { '^zod/v4/locales/(.*)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs' },
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/component/**/*.test.{ts,tsx}'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/tests/support/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-api.ts',
        '\\.(scss|css)$': '<rootDir>/tests/support/style-stub.ts',
      },
    },
    {
      ...common,
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/template-db.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-timeout.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/template-db.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-timeout.ts'],
    },
  ],
}
