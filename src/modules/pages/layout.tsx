import type { Child } from 'hono/jsx';
import type { PageContext } from './context';
import { languageLinks } from './lang';
import { assetUrl } from './assets';
import { islandUrl } from './island-assets';
import { NotificationsItem } from '../notifications/notification.menu';

/** The platform's name, a brand: the same in every language. */
export const PLATFORM_NAME = 'Heritage Commons';

export type NavSection = 'home' | 'search' | 'institutions' | 'account' | 'admin' | 'risk' | 'people' | 'alliance' | 'exhibitions' | 'projects' | null;

/** The frame of every page: head, skip link, header with navigation and language switch, main, footer. */
export function Layout(props: { ctx: PageContext; title: string; section?: NavSection; head?: Child; children?: Child; description?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const fullTitle = props.title === PLATFORM_NAME ? PLATFORM_NAME : `${props.title} — ${PLATFORM_NAME}`;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description ?? t('site.description')} />
        <meta name="color-scheme" content="light" />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" type="image/svg+xml" href={assetUrl('logo.svg')} />
        {/* Type-ahead for search boxes: an enhancement; the boxes work without it. */}
        <script src={islandUrl('typeahead')} defer></script>
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip.toContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              <img class="brand-logo" src={assetUrl('logo.svg')} alt="" width="36" height="36" />
              <span class="brand-text">
                <span class="brand-name" lang="en" dir="ltr">
                  {PLATFORM_NAME}
                </span>
                <span class="brand-tagline">{t('site.tagline')}</span>
              </span>
            </a>
            <nav class="site-nav" aria-label={t('nav.label')}>
              <ul>
                <NavLink href="/" current={props.section === 'home'} label={t('nav.home')} />
                <NavLink href="/search" current={props.section === 'search'} label={t('nav.search')} />
                <NavLink href="/institutions" current={props.section === 'institutions'} label={t('nav.institutions')} />
                <NavLink href="/exhibitions" current={props.section === 'exhibitions'} label={t('exhibitions.nav')} />
                <NavLink href="/alliance" current={props.section === 'alliance'} label={t('gov.nav.alliance')} />
                <NavLink href="/risk" current={props.section === 'risk'} label={t('risk.nav')} />
                <NavLink href="/events" current={props.section === 'people'} label={t('people.siteNav')} />
                <NavLink href="/projects" current={props.section === 'projects'} label={t('projects.nav')} />
              </ul>
            </nav>
            <UserMenu ctx={ctx} section={props.section ?? null} />
            <LanguageSwitch ctx={ctx} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-inner">
            <p>{t('footer.about')}</p>
            <ul class="footer-links">
              <li>
                <a href="/api/v1/search">{t('footer.api')}</a>
              </li>
              <li>
                <a href="/api/docs">{t('footer.apiDocs')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

function NavLink(props: { href: string; current: boolean; label: string }) {
  return (
    <li>
      <a href={props.href} aria-current={props.current ? 'page' : undefined}>
        {props.label}
      </a>
    </li>
  );
}

/** Sign-in link for the public; account, administration and sign-out for a signed-in person. */
function UserMenu({ ctx, section }: { ctx: PageContext; section: NavSection }) {
  const { t } = ctx;
  if (!ctx.user) {
    const path = ctx.url.split('?')[0];
    const next = path === '/login' || path === '/logout' ? '' : `?next=${encodeURIComponent(ctx.url)}`;
    return (
      <p class="user-menu">
        <a href={`/login${next}`}>{t('auth.signIn')}</a>
      </p>
    );
  }
  return (
    <nav class="user-menu" aria-label={t('auth.menu')}>
      <ul>
        <li>
          <a href="/account" aria-current={section === 'account' ? 'page' : undefined} title={ctx.user.email}>
            {t('auth.account')}
          </a>
        </li>
        <NotificationsItem ctx={ctx} />
        {ctx.user.catalogues ? (
          <li>
            <a href="/dashboard">{t('dashboard.title')}</a>
          </li>
        ) : null}
        {ctx.user.managesUsers ? (
          <li>
            <a href="/admin/users" aria-current={section === 'admin' ? 'page' : undefined}>
              {t('admin.nav')}
            </a>
          </li>
        ) : null}
        <li>
          <form method="post" action="/logout" class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
            <button type="submit" class="link-button">
              {t('auth.signOut')}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/** Plain links to the current page in each UI language; works without JavaScript. */
function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="lang-switch" aria-label={ctx.t('lang.label')}>
      <ul>
        {languageLinks(ctx.url).map((l) => (
          <li>
            <a href={l.href} lang={l.lang} hreflang={l.lang} aria-current={l.lang === ctx.lang ? 'true' : undefined}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Renders a page element to a complete HTML document. */
export function renderDocument(page: Child): string {
  return '<!doctype html>' + String(page);
}
