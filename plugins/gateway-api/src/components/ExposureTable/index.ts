export { ExposureTable } from './ExposureTable';
export { ExposureProblems } from './ExposureProblems';
export * from './columns';
