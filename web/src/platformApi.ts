import { api } from './api.ts';

// Typed wrappers for the platform endpoints this shell consumes. Shapes mirror the
// server contract; anything beyond them is ignored. Authentication and identity
// administration live in identityApi.ts.

export interface MailSummary {
  id: string;
  to: string | string[];
  from: string;
  subject: string;
  createdAt: string;
  status: string;
  language: string;
}

export interface MailMessage extends MailSummary {
  text: string | null;
  html: string | null;
}

export interface DeadJob {
  id: string;
  queue: string;
  createdAt: string;
  data: unknown;
  output: unknown;
}

export interface QueueStats {
  name: string;
  queued: number;
  active: number;
  deferred: number;
  total: number;
}

export const platformApi = {
  mailList: (signal?: AbortSignal) =>
    api.get<{ items: MailSummary[]; total: number }>('/api/platform/mail?limit=50', signal),
  mail: (id: string, signal?: AbortSignal) =>
    api.get<MailMessage>(`/api/platform/mail/${encodeURIComponent(id)}`, signal),
  deadJobs: (signal?: AbortSignal) => api.get<{ items: DeadJob[] }>('/api/platform/jobs/dead', signal),
  jobStats: (signal?: AbortSignal) => api.get<{ queues: QueueStats[] }>('/api/platform/jobs/stats', signal),
  replayDeadJob: (queue: string, id: string) =>
    api.post<unknown>(
      `/api/platform/jobs/dead/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/replay`,
    ),
};

/** Query keys in one place so invalidation cannot drift from the queries. */
export const queryKeys = {
  mailList: ['platform', 'mail', 'list'] as const,
  mail: (id: string) => ['platform', 'mail', id] as const,
  deadJobs: ['platform', 'jobs', 'dead'] as const,
  jobStats: ['platform', 'jobs', 'stats'] as const,
};
