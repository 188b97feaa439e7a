/** The history screens and the word diff they need, in one chunk loaded once the draft page shows. */
export { default as HistorySection } from './HistorySection';
export { default as ChangesSinceLastVisit } from './ChangesSinceLastVisit';
