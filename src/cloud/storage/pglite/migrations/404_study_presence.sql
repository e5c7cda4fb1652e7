-- Check-in that proves presence: a session's optional location fence and Wi-Fi list. A check-in
-- keeps only how presence was shown, never the person's coordinates or Wi-Fi.
ALTER TABLE study_sessions
  ADD COLUMN fence_latitude double precision CHECK (fence_latitude BETWEEN -90 AND 90),
  ADD COLUMN fence_longitude double precision CHECK (fence_longitude BETWEEN -180 AND 180),
  ADD COLUMN fence_radius_meters integer CHECK (fence_radius_meters BETWEEN 50 AND 500),
  ADD COLUMN wifi_bssids text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT study_sessions_fence_whole
    CHECK ((fence_latitude IS NULL) = (fence_longitude IS NULL) AND (fence_latitude IS NULL) = (fence_radius_meters IS NULL));

ALTER TABLE study_attendance
  ADD COLUMN presence text NOT NULL DEFAULT 'none' CHECK (presence IN ('none', 'verified', 'confirmed'));

-- The credit view as in 402, with how presence was shown (new columns go last).
CREATE OR REPLACE VIEW study_credits AS
  SELECT a.session_id, a.user_id, a.department_id, a.checked_in_at, a.late, a.expected, a.checked_out_at,
         CASE WHEN NOT s.require_check_out THEN s.credit_hours
              WHEN a.checked_out_at IS NULL THEN 0
              WHEN a.checked_out_at >= s.end_at THEN s.credit_hours
              ELSE round(s.credit_hours * GREATEST(0, extract(epoch FROM a.checked_out_at - GREATEST(a.checked_in_at, s.start_at)))
                         / extract(epoch FROM s.end_at - s.start_at), 1)
         END AS credit_hours,
         a.presence
  FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id;
