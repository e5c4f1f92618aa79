## One-time notices after a write

notice-accepted = Accepted: { $subject }.
notice-decided = Decision recorded: { $subject }.
notice-revoked = Revoked: { $subject }.
notice-signed_go = GO signed. The decision below shows what it holds for.
notice-recorded_no_go = NO-GO recorded with its reason.
notice-target_saved = Target saved: { $subject }. It is read only when a run connects.
notice-run_started = Started: { $subject }. The page follows the run until it ends.
