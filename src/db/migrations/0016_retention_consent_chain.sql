-- 0016 retention sweep (issue 7): when the proof of a superseded consent has outlived its retention
-- period while its successor stays, the successor's link to it is cleared before the old row is
-- deleted. Deleting consents was granted in 0010; this is the only column the sweep changes.
grant update (supersedes_id) on consents to custos_app;
