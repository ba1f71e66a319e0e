import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { type Task, useUpdateTask } from './api';

/** A linked record as a short label (or link), when the task has one. */
function TaskLink({ task }: { task: Task }) {
  const { t } = useTranslation();
  const hidden = t('service.tasks.hiddenLink');
  if (task.case)
    return (
      <Link to="/cases/$caseId" params={{ caseId: task.case.id }} className="text-brand-700 hover:underline">
        {t('service.tasks.linked', { label: task.case.label ?? hidden })}
      </Link>
    );
  if (task.person)
    return (
      <Link
        to="/persons/$personId"
        params={{ personId: task.person.id }}
        className="text-brand-700 hover:underline"
      >
        {t('service.tasks.linked', { label: task.person.label ?? hidden })}
      </Link>
    );
  const other = task.organization ?? task.deal ?? task.invoice;
  return other ? <span>{t('service.tasks.linked', { label: other.label ?? hidden })}</span> : null;
}

/** Open tasks with a checkbox that ticks them done. */
export function TaskList({ tasks, testId }: { tasks: Task[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateTask();
  return (
    <>
      <ErrorMessage error={update.error} />
      <ul className="divide-y divide-slate-100" data-testid={testId}>
        {tasks.map((task) => {
          const id = `task-${task.id}`;
          const busy = (update.isPending || update.isSuccess) && update.variables?.id === task.id;
          return (
            <li key={task.id} className="flex items-start gap-3 py-2" data-testid="task-item">
              <input
                id={id}
                type="checkbox"
                className="mt-1 size-5 shrink-0"
                // ticked at once, while the change is on its way (unticked again if it fails)
                checked={busy ? update.variables?.status === 'done' : task.status === 'done'}
                disabled={busy}
                aria-label={t('service.tasks.markDone', { title: task.title })}
                onChange={(e) =>
                  update.mutate({
                    id: task.id,
                    status: e.target.checked ? 'done' : 'open',
                    version: task.version,
                  })
                }
                data-testid="task-done"
              />
              <div className="min-w-0 flex-1">
                <label htmlFor={id} className="block text-sm font-medium break-words text-slate-900">
                  {task.title}
                </label>
                <div className="flex flex-wrap gap-x-3 text-xs text-slate-600">
                  <time dateTime={task.dueAt} className={cn(task.overdue && 'font-medium text-red-700')}>
                    {t('service.tasks.dueAt')} {format.dateTime(task.dueAt)}
                  </time>
                  {task.remindAt ? (
                    <span>
                      {t('service.tasks.remindAt')} {format.dateTime(task.remindAt)}
                    </span>
                  ) : null}
                  <TaskLink task={task} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
