import type { ComponentChildren } from 'preact';
import type { Role } from './session';

export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface PageRoute {
  /** Console path pattern, e.g. `/accounts/:id`. */
  path: string;
  title: string;
  /** Who may open it (the API decides what they see); all roles when absent. */
  roles?: readonly Role[];
  /** Shown in the navigation, in `order`. */
  nav?: {
    label: string;
    order: number;
    /** Rendered after the label inside the link, e.g. a count of waiting items. */
    badge?: () => ComponentChildren;
  };
  component: (props: PageProps) => ComponentChildren;
}
