/** The audit log's page and CSV read it through core, which keeps the table (decision 0016). */
export { AUDIT_PAGE, type AuditRow, auditPage, auditQuery } from '../../core/audit-log.ts';
