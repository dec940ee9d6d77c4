module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The hostile-input suite asserts through a helper that also checks zero writes.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectRefused'] },
    ],
  },
});
