-- 签退 where the session asks for it: on by default for sessions over two hours (the domain's
-- defaultRequireCheckOut), set by the organizer from now on.
ALTER TABLE study_sessions ADD COLUMN require_check_out boolean;
UPDATE study_sessions SET require_check_out = (end_at - start_at > interval '2 hours');
ALTER TABLE study_sessions ALTER COLUMN require_check_out SET NOT NULL;

-- Credit earned, kept as a view for the year's top-learner totals. It restates the domain's
-- creditEarned (domain/study/rules.ts), and the repository contract suite checks the two agree:
-- where 签退 is required, no check-out earns nothing and leaving early pro-rates; elsewhere
-- check-in earns the session's credit.
CREATE OR REPLACE VIEW study_credits AS
  SELECT a.session_id, a.user_id, a.department_id, a.checked_in_at, a.late, a.expected, a.checked_out_at,
         CASE WHEN NOT s.require_check_out THEN s.credit_hours
              WHEN a.checked_out_at IS NULL THEN 0
              WHEN a.checked_out_at >= s.end_at THEN s.credit_hours
              ELSE round(s.credit_hours * GREATEST(0, extract(epoch FROM a.checked_out_at - GREATEST(a.checked_in_at, s.start_at)))
                         / extract(epoch FROM s.end_at - s.start_at), 1)
         END AS credit_hours
  FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id;
