/** The outbox page reads core's e-mail outbox through core (decision 0016). */
export { recentEmails as outbox } from '../../core/mail/outbox.ts';
