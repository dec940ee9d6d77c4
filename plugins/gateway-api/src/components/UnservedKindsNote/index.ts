export { hasUnservedKindNotes, UnservedKindsNote } from './UnservedKindsNote';
