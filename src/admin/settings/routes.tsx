import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../core/auth/policy.ts';
import { commentSettings } from '../../core/comments/settings.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { platformSettings } from '../../core/settings.ts';
import { commentSettingsInput, PlatformSettingsInput } from './schema.ts';
import { updateCommentSettings, updatePlatformSettings } from './use-cases.ts';
import { SettingsPage, type SettingsPageForms } from './views/settings-page.tsx';

/** The settings page: the platform's (administrators) and the comments' (the secretariat too), each shown to whom it concerns. */
async function settingsPage(app: FastifyInstance, req: FastifyRequest, ctx: PageContext, forms?: SettingsPageForms) {
  if (!can(req.user, 'manage-settings') && !can(req.user, 'manage-comment-settings')) authorize(req, 'manage-settings');
  const [platform, comments] = await Promise.all([
    can(req.user, 'manage-settings') ? platformSettings(app.db) : undefined,
    can(req.user, 'manage-comment-settings') ? commentSettings(app.db) : undefined,
  ]);
  return <SettingsPage ctx={ctx} platform={platform} comments={comments} kinds={app.comments.kinds} forms={forms} />;
}

const refused = (req: FastifyRequest, errors: FieldErrors) => ({ values: formValues(req.body), errors });

/** The platform's settings, for administrators; the comment settings, for the secretariat and administrators. */
export function settingsRoutes(app: FastifyInstance) {
  const db = app.db;
  langRoute(app, 'GET', '/admin/settings', async (req, _reply, ctx) => settingsPage(app, req, ctx));

  langRoute(app, 'POST', '/admin/settings', async (req, reply, ctx) => {
    authorize(req, 'manage-settings');
    const form = parseForm(PlatformSettingsInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return settingsPage(app, req, ctx, { platform: refused(req, form.errors) });
    }
    await updatePlatformSettings(db, signedIn(req.user), form.data);
    flash(reply, 'admin.settings.saved');
    return reply.redirect(`/${ctx.i18n.lang}/admin/settings`, 303);
  });

  langRoute(app, 'POST', '/admin/settings/comments', async (req, reply, ctx) => {
    authorize(req, 'manage-comment-settings');
    const kinds = app.comments.kinds.map((k) => k.kind);
    const form = parseForm(commentSettingsInput(kinds), req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return settingsPage(app, req, ctx, { comments: refused(req, form.errors) });
    }
    await updateCommentSettings(db, signedIn(req.user), form.data);
    flash(reply, 'admin.settings.comments.saved');
    return reply.redirect(`/${ctx.i18n.lang}/admin/settings#comment-settings`, 303);
  });
}
