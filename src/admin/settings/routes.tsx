import type { FastifyInstance } from 'fastify';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { platformSettings } from '../../core/settings.ts';
import { PlatformSettingsInput } from './schema.ts';
import { updatePlatformSettings } from './use-cases.ts';
import { SettingsPage } from './views/settings-page.tsx';

/** The platform's settings, for administrators. */
export function settingsRoutes(app: FastifyInstance) {
  const db = app.db;
  langRoute(app, 'GET', '/admin/settings', async (req, _reply, ctx) => {
    authorize(req, 'manage-settings');
    return <SettingsPage ctx={ctx} settings={await platformSettings(db)} />;
  });

  langRoute(app, 'POST', '/admin/settings', async (req, reply, ctx) => {
    authorize(req, 'manage-settings');
    const form = parseForm(PlatformSettingsInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      const settings = await platformSettings(db);
      return <SettingsPage ctx={ctx} settings={settings} values={formValues(req.body)} errors={form.errors} />;
    }
    await updatePlatformSettings(db, signedIn(req.user), form.data);
    flash(reply, 'admin.settings.saved');
    return reply.redirect(`/${ctx.i18n.lang}/admin/settings`, 303);
  });
}
