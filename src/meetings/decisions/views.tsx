import type { PageContext } from '../../core/html/context.ts';
import { TitledPage } from '../../core/html/layout.tsx';
import type { TaskRow } from '../queries.ts';
import { TaskTable } from '../views/parts.tsx';

export function TasksPage({ ctx, tasks }: { ctx: PageContext; tasks: TaskRow[] }) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('tasks.title')} section="tasks">
      <TaskTable ctx={ctx} tasks={tasks} showMeeting />
    </TitledPage>
  );
}
