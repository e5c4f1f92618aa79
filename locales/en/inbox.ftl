## The inbox: what waits on the signed-in person, and what changed since their last visit

inbox-nav = Inbox
inbox-badge-label = { $count ->
    [0] nothing is waiting on you
    [one] { $count } item waiting on you
   *[other] { $count } items waiting on you
}
inbox-title = Your inbox at { $tenant }
inbox-intro = What you can do now to move production closer, and what others changed while you were away.
inbox-waiting-heading = Waiting on you
inbox-waiting-none = Nothing is waiting on you right now. When a check or decision you own can be done, it will appear here.
inbox-waiting-reader = Your role reads the console and changes nothing, so nothing will wait on you here. What changed is listed below.
inbox-task-accept = Accept
inbox-task-decide = Decide
inbox-task-run_rehearsal = Run the rehearsal
inbox-task-sign = Sign
inbox-signoff-subject = Production GO or NO-GO
inbox-signoff-detail = { $given } of { $required } signatures given
inbox-act = Go to it
inbox-since-heading = Since your last visit
inbox-since-visit = Your last visit began when you signed in on { $date }. These are the changes recorded since then, newest first. Opening this page records nothing.
inbox-since-none = Nothing has changed since then.
inbox-since-first = This is your first visit: there is no earlier sign-in to compare with. From your next visit on, what changed in between will be listed here.
inbox-since-audit = Everything recorded so far is in the audit trail
inbox-since-rest = { $count ->
    [one] Only the latest change is listed: see the older ones in the audit trail
   *[other] Only the latest { $count } changes are listed: see the older ones in the audit trail
}
inbox-change-who = Who
inbox-change-nobody = Nobody signed in
