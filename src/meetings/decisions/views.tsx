import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import type { TaskRow } from '../queries.ts';
import { TaskTable } from '../views/parts.tsx';

export function TasksPage({ ctx, tasks }: { ctx: PageContext; tasks: TaskRow[] }) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('tasks.title')} section="tasks">
      <h1>{i18n.t('tasks.title')}</h1>
      <TaskTable ctx={ctx} tasks={tasks} showMeeting />
    </Layout>
  );
}
