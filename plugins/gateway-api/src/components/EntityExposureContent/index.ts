export { EntityExposureContent } from './EntityExposureContent';
