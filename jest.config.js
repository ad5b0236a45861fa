// Three tiers (CONVENTIONS.md): unit specs beside the code, integration specs against real
// PostgreSQL/Kafka/MariaDB, and whole-system e2e specs in test/.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@crosswalk/(.*)$': '<rootDir>/libs/$1/src',
};

// faker ships as ES modules only: jest loads CommonJS, so its files go through swc too.
const swcJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+/@faker-js/faker/.+\\.js$': swcJs },
  transformIgnorePatterns: ['/node_modules/(?!@faker-js/faker/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  // Integration and e2e specs start real servers and whole syncs; unit specs finish far sooner.
  testTimeout: 300000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.int-spec.ts',
        '<rootDir>/test/infra/**/*.int-spec.ts',
      ],
      globalSetup: '<rootDir>/test/infra/global-setup.mjs',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/infra/global-setup.mjs',
    },
  ],
};
