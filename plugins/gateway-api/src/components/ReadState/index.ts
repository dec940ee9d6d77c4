export { ReadErrorPanel } from './ReadErrorPanel';
export { UpdatedAt } from './UpdatedAt';
