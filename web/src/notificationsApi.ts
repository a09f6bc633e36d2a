import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';

// In-app notifications of the back-office (server/src/notifications/notifications.routes.ts): the signed-in user's
// latest notifications with the unread count, marked read one by one or all at once.

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** A back-office path (`/app/…`) the notification opens. */
  link: string | null;
  companyId: string;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
}

/** The bell polls this every 30 s. */
export const NOTIFICATIONS_POLL_MS = 30_000;

export const notificationsQuery = (limit = 10) =>
  queryOptions({
    queryKey: ['notifications', limit],
    queryFn: ({ signal }) => api.get<NotificationList>(`/api/notifications?limit=${limit}`, signal),
  });

export const notificationsApi = {
  markRead: (notificationId: string) => api.post<null>(`/api/notifications/${encodeURIComponent(notificationId)}/read`),
  markAllRead: () => api.post<null>('/api/notifications/read-all'),
};
