export { EntityExposureCard } from './EntityExposureCard';
