import type { ComponentChildren } from 'preact';
import { href } from '../../../router';

/** The frame every tile shares: a region named by its heading, and a link to the full page when there is one. */
export function TileCard({ headingId, title, more, children }: { headingId: string; title: string; more?: { path: string; label: string }; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={headingId}>
      <div class="tile-head">
        <h2 id={headingId}>{title}</h2>
        {more && <a href={href(more.path)}>{more.label}</a>}
      </div>
      {children}
    </section>
  );
}
