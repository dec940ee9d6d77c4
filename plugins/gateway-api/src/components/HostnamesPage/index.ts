export { HostnamesPage } from './HostnamesPage';
