import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { api } from './api';
import { Layout } from './layout';
import { Loading } from './components/notices';
import { SignIn } from './pages/sign-in';
import { matchPath, navigate, useLocation } from './router';
import { homeFor, mayOpen, pageRoutes } from './routes';
import { currentUser, session, type Me } from './session';
import { useSignal } from './signal';
import { applyPreferences, browserTimeZone, defaultPreferences, preferences, type LoadedPreferences, type Preferences } from './preferences';
import { currentLanguage, t } from './i18n/i18n';

function App() {
  const me = useSignal(currentUser);
  const [checking, setChecking] = useState(me === null);
  // Whose preferences are applied: until the signed-in user's have loaded nothing renders, so no page
  // shows in the wrong language, zone or format. Following `preferences` re-renders every page on a change.
  const [preferencesOf, setPreferencesOf] = useState<string | null>(null);
  useSignal(preferences);
  // A language switch (setLanguage alone, or with the other preferences) re-renders every page at
  // once: App follows the language, and Preact re-renders the whole tree below it, keeping its state.
  useSignal(currentLanguage);

  useEffect(() => {
    if (!me || preferencesOf === me.id) return;
    let current = true;
    api<LoadedPreferences>('GET', '/me/preferences')
      // A user who never chose gets the zone their browser is in, recorded once so that the server's
      // "today" (task counts, relative dates in saved queries) is the same day the console shows.
      .then((loaded) =>
        loaded.saved === false && loaded.timeZone !== browserTimeZone()
          ? api<Preferences>('PUT', '/me/preferences', { timeZone: browserTimeZone() }).catch(() => loaded)
          : loaded,
      )
      .catch(() => defaultPreferences())
      .then((loaded) => {
        if (!current) return;
        applyPreferences(loaded);
        setPreferencesOf(me.id);
      });
    return () => {
      current = false;
    };
  }, [me?.id]);

  useEffect(() => {
    if (!checking) return;
    // A stored key is checked; without one, the browser may hold a session cookie (e-mailed link, OIDC).
    const signingIn =
      session.key() !== null
        ? api<Me>('GET', '/me')
            .then((answer) => currentUser.set(answer))
            .catch(() => session.signOut())
        : session.resume();
    signingIn.finally(() => setChecking(false));
  }, []);

  if (checking) return <Loading label={t('Signing in…')} />;
  if (!me) return <SignIn />;
  if (preferencesOf !== me.id) return <Loading label={t('Loading your preferences…')} />;
  return (
    <Layout me={me}>
      <CurrentPage me={me} />
    </Layout>
  );
}

function CurrentPage({ me }: { me: Me }) {
  const location = useLocation();
  const found = pageRoutes.map((route) => ({ route, params: matchPath(route.path, location.path) })).find((match) => match.params !== null);
  useEffect(() => {
    if (location.path === '/' || !found) navigate(homeFor(me.role));
  }, [location.path, found === undefined]);
  useEffect(() => {
    document.title = found ? `${t(found.route.title)} · CRM` : 'CRM';
  }, [found?.route.title, currentLanguage.get()]);
  if (!found) return null;
  if (!mayOpen(found.route, me.role)) {
    return (
      <section>
        <h1>{t(found.route.title)}</h1>
        <p role="alert">{t('Your role ({role}) may not open this page.', { role: me.role })}</p>
      </section>
    );
  }
  const Page = found.route.component;
  return <Page params={found.params!} query={location.query} />;
}

render(<App />, document.getElementById('app')!);
