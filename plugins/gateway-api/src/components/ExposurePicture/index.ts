export { ExposurePicture } from './ExposurePicture';
