/** Labelled figures as a grid of cards (the report pages' headline numbers); `label` names the list for screen readers. */
export function FigureCards({ label, figures }: { label: string; figures: [string, string][] }) {
  return (
    <dl class="report-figures" aria-label={label}>
      {figures.map(([name, value]) => (
        <div class="card" key={name}>
          <dt class="muted">{name}</dt>
          <dd class="figure">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
