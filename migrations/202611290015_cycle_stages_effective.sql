-- A deadline is met when what it asked for happened: "report due" by the report's submission,
-- "follow-up information due" by the follow-up's. Every reading of done / late / next goes through
-- this view, so the cycle page, the list of cycles, the mechanisms' pages, the API and the reminders
-- agree.
CREATE VIEW cycle_stages_effective AS
  SELECT s.id, s.cycle_id, s.kind, s.due_on, coalesce(s.done_on, f.done_on) AS done_on, s.ends_on, s.note,
         s.reminded_at
    FROM cycle_stages s
    LEFT JOIN cycle_stages f
      ON f.cycle_id = s.cycle_id
     AND f.kind = CASE s.kind WHEN 'report_due' THEN 'report_submitted' WHEN 'follow_up_due' THEN 'follow_up_submitted' END;
