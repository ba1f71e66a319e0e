import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { myDay } from './my-day.service.ts';
import { MyDay, Task, TaskCreate, TaskList, TaskListQuery, TaskPatch } from './tasks.schemas.ts';
import { createTask, getTask, listTasks, updateTask } from './tasks.service.ts';

export const tasksRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'List tasks: yours by default, or all you may see; open ones first by due time',
        querystring: TaskListQuery,
        response: { 200: TaskList, ...errorResponses },
      },
    },
    async (request) => listTasks(ctx, actorOf(request), request.query),
  );
  r.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task or reminder, for you or a colleague, optionally linked to a record',
        body: TaskCreate,
        response: { 201: Task, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createTask(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task (visible to its assignee, its creator, admin and DPO)',
        params: IdParams,
        response: { 200: Task, ...errorResponses },
      },
    },
    async (request) => getTask(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change a task, tick it done or reopen it (optimistic locking by version)',
        params: IdParams,
        body: TaskPatch,
        response: { 200: Task, ...errorResponses },
      },
    },
    async (request) => updateTask(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/my-day',
    {
      schema: {
        tags: ['tasks'],
        summary: 'My day: overdue and today’s tasks, due reminders, my open cases by SLA, deals closing soon',
        response: { 200: MyDay, ...errorResponses },
      },
    },
    async (request) => myDay(ctx, actorOf(request)),
  );
};
