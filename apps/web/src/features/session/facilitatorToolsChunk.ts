/** Loaded only through `facilitatorTools.tsx`: keep every facilitator-only screen here. */
export { AgendaEditor } from '../agenda/AgendaEditor';
export { TemplatePicker } from '../agenda/TemplatePicker';
export { TimerControls } from '../agenda/TimerControls';
export { OpenVoteDisclosure } from '../votes/OpenVoteDisclosure';
export { AddRecommendationForm } from './AddRecommendationForm';
export { PeoplePanel } from '../people/PeoplePanel';
export { PublicSummary } from '../report/PublicSummary';
export { ReportDownloads } from '../report/ReportDownloads';
export { FacilitatorPanel } from './FacilitatorPanel';
export { QuestionModeration } from '../questions/QuestionModeration';
