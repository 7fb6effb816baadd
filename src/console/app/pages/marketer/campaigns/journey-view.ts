import type { CampaignView, EnrollmentRunView, EnrollmentView, EvergreenView, StageView } from '../../../../../campaigns/campaign-views.schemas';
import type { CohortFilter, EvergreenSettings, StartCondition } from '../../../../../campaigns/journey.schemas';

// The journey parts of the campaign API, by the names the console's campaign pages use.
export type { CohortFilter, EnrollmentRunView, EnrollmentView, EvergreenSettings, EvergreenView, StartCondition };
/** A stage of GET /campaigns/:id with its journey: `startWhen`, `cohort` (and its words), `waitsFor`. */
export type JourneyStageView = StageView;
/** GET /campaigns/:id: with `evergreen` and its `enrollments`. */
export type JourneyCampaignView = CampaignView;
