import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { humanize } from './format';
import { href, useLocation } from './router';
import { mayOpen, pageRoutes } from './routes';
import { session, type Me } from './session';
import { t } from './i18n/i18n';

export function Layout({ me, children }: { me: Me; children: ComponentChildren }) {
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const links = pageRoutes.filter((route) => route.nav && mayOpen(route, me.role)).sort((a, b) => a.nav!.order - b.nav!.order);
  const current = (route: (typeof links)[number]) => path === route.path || path.startsWith(`${route.path}/`);
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        {t('Skip to content')}</a>
      <header class="topbar">
        <a class="brand" href={href('/')}>
          CRM
        </a>
        <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          {t('Menu')}</button>
        <nav id="main-nav" class={menuOpen ? 'open' : ''} aria-label={t('Main')}>
          <ul>
            {links.map((route) => (
              <li key={route.path}>
                <a href={href(route.path)} aria-current={current(route) ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                  {t(route.nav!.label)}
                  {route.nav!.badge?.()}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {me.name} <span class="role">({humanize(me.role)})</span>
          </span>
          <button type="button" class="link" onClick={() => void session.endSession()}>
            {t('Sign out')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
