import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate, replacePath } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import { useUsers } from '../../../use-users';
import { WorkFundingCard } from '../budgets/work-funding-card';
import { useCollateralChoices, useKitChoices, useSegmentChoices, useTemplateChoices } from '../directory';
import '../marketer.css';
import { exactDetail } from '../segments/criteria-model';
import { detailsForApi, detailsFromView, emptyDetails, type DetailsDraft } from './campaign-details-draft';
import { CampaignDetailsForm } from './campaign-details-form';
import { moveStage, positionsOf, removeStage, switchEvergreen, timelineOfDrafts } from './builder-stages';
import { MAX_STAGES, stageTypeLabels, stageTypes, type StageType } from './campaign-model';
import { evergreenForApi, evergreenFromView, evergreenStageTypes, type EvergreenDraft } from './evergreen-draft';
import { EvergreenForm } from './evergreen-form';
import type { JourneyCampaignView as CampaignView } from './journey-view';
import { StageCard } from './stage-card';
import { newStage, stageForApi, stagesFromView, type StageDraft } from './stage-draft';
import { StageTimeline } from './stage-timeline';
import { t, tp } from '../../../i18n/i18n';

/** /campaigns/new (a segment may be given: `?segment=<id>`) and /campaigns/:id/edit for a draft. */
export function CampaignBuilderPage({ params, query }: PageProps) {
  const loaded = useApi<CampaignView>(params.id ? `/campaigns/${params.id}` : null);
  if (!params.id) return <CampaignBuilder key="new" segmentId={query.get('segment') ?? undefined} />;
  if (loaded.error) return <ErrorNotice error={loaded.error} title={t('The campaign could not be loaded')} />;
  if (!loaded.data) return <Loading />;
  if (loaded.data.status !== 'DRAFT') {
    return (
      <section>
        <h1>{t('Edit “{name}”', { name: loaded.data.name })}</h1>
        <Notice kind="warning">
          {t('This campaign is {value}: only a draft’s stages can be rebuilt. A stage that has not started can still be rescheduled from', { value: humanize(loaded.data.status).toLowerCase() })}{' '}
          <a href={href(`/campaigns/${loaded.data.id}`)}>{t('the campaign’s page')}</a>{t(', or copy the campaign into a new draft there.')}</Notice>
      </section>
    );
  }
  return <CampaignBuilder key={loaded.data.id} saved={loaded.data} />;
}

const initialStages = (segmentId?: string): StageDraft[] => [newStage('LIST', { segmentId }), newStage('MAILING')];

function CampaignBuilder({ saved, segmentId }: { saved?: CampaignView; segmentId?: string }) {
  const [details, setDetails] = useState<DetailsDraft>(() => (saved ? detailsFromView(saved) : emptyDetails()));
  const [stages, setStages] = useState<StageDraft[]>(() => (saved ? stagesFromView(saved.stages) : initialStages(segmentId)));
  const [evergreen, setEvergreen] = useState<EvergreenDraft>(() => evergreenFromView(saved?.evergreen));
  const [campaign, setCampaign] = useState<CampaignView | undefined>(saved);
  const [newType, setNewType] = useState<StageType>('APPROVAL');
  const [savedNotice, setSavedNotice] = useState<string>();
  // Moves on after a save (its sub-source costs count) and a refused schedule: the Budget funding card reloads.
  const [fundingVersion, setFundingVersion] = useState(0);
  const users = useUsers();
  const segments = useSegmentChoices();
  const templates = useTemplateChoices();
  const collateral = useCollateralChoices();
  const kits = useKitChoices();
  const choices = { users: users.users, segments: segments.data?.items ?? [], templates: templates.data?.items ?? [], collateral: collateral.data?.items ?? [], kits: kits.data?.items ?? [] };

  const save = useAction(async (): Promise<CampaignView> => {
    const positionOf = positionsOf(stages);
    const stageBodies = stages.map((stage) => stageForApi(stage, positionOf, evergreen.on));
    // A PATCH turns evergreen off with null; a new campaign simply has none.
    const evergreenBody = evergreen.on ? evergreenForApi(evergreen) : campaign?.evergreen ? null : undefined;
    const answer = campaign
      ? await api<CampaignView>('PATCH', `/campaigns/${campaign.id}`, { ...detailsForApi(details, null), evergreen: evergreenBody, stages: stageBodies })
      : await api<CampaignView>('POST', '/campaigns', { ...detailsForApi(details, undefined), evergreen: evergreenBody, stages: stageBodies });
    // The draft exists now: later saves change it. The address follows without reloading the page.
    if (!campaign) replacePath('/campaigns/new', `/campaigns/${answer.id}/edit`);
    setCampaign(answer);
    setFundingVersion((version) => version + 1);
    return answer;
  });
  const schedule = useAction((id: string) => api<CampaignView>('POST', `/campaigns/${id}/schedule`));
  useEffect(() => {
    if (schedule.error?.status === 409) setFundingVersion((version) => version + 1);
  }, [schedule.error]);

  async function saveDraft(event: Event) {
    event.preventDefault();
    setSavedNotice(undefined);
    schedule.clearError();
    const answer = await save.run();
    if (answer) setSavedNotice(
        answer.evergreen
          ? tp(answer.stages.length, 'Draft “{name}” saved with {count} stage, evergreen (status {status}).', 'Draft “{name}” saved with {count} stages, evergreen (status {status}).', { name: answer.name, status: humanize(answer.status).toLowerCase() })
          : tp(answer.stages.length, 'Draft “{name}” saved with {count} stage (status {status}).', 'Draft “{name}” saved with {count} stages (status {status}).', { name: answer.name, status: humanize(answer.status).toLowerCase() }),
      );
  }

  async function saveAndSchedule() {
    setSavedNotice(undefined);
    schedule.clearError();
    const answer = await save.run();
    if (!answer) return;
    const scheduled = await schedule.run(answer.id);
    if (scheduled) navigate(`/campaigns/${scheduled.id}?scheduled=1`);
  }

  const replace = (uid: number, stage: StageDraft) => setStages((list) => list.map((item) => (item.uid === uid ? stage : item)));
  const switchTo = (on: boolean) => {
    const next = switchEvergreen(stages, evergreen, on);
    setStages(next.stages);
    setEvergreen(next.evergreen);
    if (on && !evergreenStageTypes.includes(newType)) setNewType('MAILING');
  };
  const offeredTypes = evergreen.on ? stageTypes.filter((type) => evergreenStageTypes.includes(type)) : stageTypes;
  const timeline = useMemo(() => timelineOfDrafts(stages, evergreen.on), [stages, evergreen.on]);
  const journey = { stages, evergreen: evergreen.on, sourceCodes: details.sources.map((source) => source.code.trim()).filter((code) => code !== '') };

  const error = schedule.error ?? save.error;
  const busy = save.busy || schedule.busy;
  // A problem of the list as a whole (too many stages) rather than of one stage.
  const stageListProblem = exactDetail(error, 'body.stages') ?? exactDetail(error, 'stages');
  return (
    <section>
      <div class="page-head">
        <h1>{campaign ? t('Edit draft “{name}”', { name: campaign.name }) : t('New campaign')}</h1>
        <div class="actions">
          <a href={href('/campaigns')}>{t('All campaigns')}</a>
          {campaign && <a href={href(`/campaigns/${campaign.id}`)}>{t('Campaign page')}</a>}
        </div>
      </div>
      {savedNotice && <Notice kind="success">{savedNotice}</Notice>}
      <ErrorNotice error={save.error} title={t('The campaign was not saved')} />
      <ErrorNotice error={schedule.error} title={t('The campaign was saved as a draft but not scheduled')} />
      {[users, segments, templates].map((loaded, index) => (
        <ErrorNotice key={index} error={loaded.error} title={[t('Users could not be loaded'), t('Segments could not be loaded'), t('Templates could not be loaded')][index]} />
      ))}
      <form onSubmit={saveDraft} noValidate>
        <CampaignDetailsForm draft={details} error={save.error} onChange={setDetails} />
        <EvergreenForm draft={evergreen} segments={choices.segments} error={save.error} onSwitch={switchTo} onChange={setEvergreen} />
        <section class="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('Timeline')}</h2>
          <StageTimeline stages={timeline} relative={evergreen.on} label={t('Journey timeline')} />
          {stageListProblem && <p class="group-error">{stageListProblem}</p>}
        </section>
        <h2>{t('Stages')}</h2>
        {stages.length === 0 && (
          <p class="muted">{t('No stages: a tracking-only campaign (press, billboards, a trade fair) collects responses and costs through its sub-sources.')}</p>
        )}
        {stages.map((stage, index) => (
          <StageCard
            key={stage.uid}
            stage={stage}
            index={index}
            journey={journey}
            choices={choices}
            error={error}
            onChange={(next) => replace(stage.uid, next)}
            onMove={(offset) => setStages((list) => moveStage(list, index, offset))}
            onRemove={() => setStages((list) => removeStage(list, stage.uid))}
          />
        ))}
        <div class="card row">
          <Field label={t('New stage type')} hint={stages.length >= MAX_STAGES ? t('At most {MAX_STAGES} stages', { MAX_STAGES }) : undefined}>
            {(props) => (
              <select {...props} value={newType} onChange={(event) => setNewType(event.currentTarget.value as StageType)}>
                {offeredTypes.map((type) => (
                  <option key={type} value={type}>
                    {t(stageTypeLabels[type])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" onClick={() => setStages((list) => [...list, newStage(newType)])} disabled={stages.length >= MAX_STAGES} style={{ marginBottom: '0.75rem' }}>
            {t('Add stage')}</button>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {save.busy && !schedule.busy ? t('Saving…') : t('Save draft')}
          </button>
          <button type="button" class="primary" disabled={busy} onClick={() => void saveAndSchedule()}>
            {schedule.busy ? t('Scheduling…') : t('Save and schedule')}
          </button>
        </div>
      </form>
      {campaign && <WorkFundingCard work={{ campaignId: campaign.id }} version={fundingVersion} />}
    </section>
  );
}
