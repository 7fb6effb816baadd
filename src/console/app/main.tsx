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

function App() {
  const me = useSignal(currentUser);
  const [checking, setChecking] = useState(me === null);

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

  if (checking) return <Loading label="Signing in…" />;
  if (!me) return <SignIn />;
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
    document.title = found ? `${found.route.title} · CRM` : 'CRM';
  }, [found?.route.title]);
  if (!found) return null;
  if (!mayOpen(found.route, me.role)) {
    return (
      <section>
        <h1>{found.route.title}</h1>
        <p role="alert">Your role ({me.role}) may not open this page.</p>
      </section>
    );
  }
  const Page = found.route.component;
  return <Page params={found.params!} query={location.query} />;
}

render(<App />, document.getElementById('app')!);
