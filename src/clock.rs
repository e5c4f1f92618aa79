//! The one place that reads the wall clock. Everything else is handed a [`Clock`] (or the instant
//! it gave), so that a test can fix the time and move it on instead of waiting, and a page, an
//! audit event and a session's age all read the same time in one request.

use std::sync::{Arc, Mutex, PoisonError};

use time::{Duration, OffsetDateTime};

/// Where "now" comes from: the system's clock, or a fixed instant that only moves when told to
/// ([`Clock::advance`]). Cheap to clone; the clones of a fixed clock share its instant, so a test
/// that moves its copy moves the app's.
#[derive(Debug, Clone)]
pub struct Clock(Source);

#[derive(Debug, Clone)]
enum Source {
    System,
    Fixed(Arc<Mutex<OffsetDateTime>>),
}

impl Clock {
    /// The system's clock, in UTC.
    pub const fn system() -> Self {
        Self(Source::System)
    }

    /// A clock that shows `at` until it is moved on.
    pub fn fixed(at: OffsetDateTime) -> Self {
        Self(Source::Fixed(Arc::new(Mutex::new(at))))
    }

    /// The current instant, in UTC.
    pub fn now(&self) -> OffsetDateTime {
        match &self.0 {
            Source::System => system_now(),
            // An instant cannot be left half-written: a poisoned lock still holds a valid one.
            Source::Fixed(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Moves a fixed clock on by `by` (back, if negative) and returns the instant it shows now.
    /// The system's clock moves by itself and is left alone: this returns its current instant.
    pub fn advance(&self, by: Duration) -> OffsetDateTime {
        match &self.0 {
            Source::System => system_now(),
            Source::Fixed(at) => {
                let mut at = at.lock().unwrap_or_else(PoisonError::into_inner);
                *at = at.saturating_add(by);
                *at
            }
        }
    }
}

#[expect(
    clippy::disallowed_methods,
    reason = "the clock is the one place that reads the wall clock"
)]
fn system_now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_fixed_clock_shows_its_instant_until_moved_on() {
        let clock = Clock::fixed(datetime!(2026-03-02 09:30 UTC));
        assert_eq!(clock.now(), datetime!(2026-03-02 09:30 UTC));
        assert_eq!(clock.now(), datetime!(2026-03-02 09:30 UTC));
        assert_eq!(
            clock.advance(Duration::hours(12)),
            datetime!(2026-03-02 21:30 UTC)
        );
        assert_eq!(clock.now(), datetime!(2026-03-02 21:30 UTC));
    }

    #[test]
    fn the_clones_of_a_fixed_clock_share_its_instant() {
        let clock = Clock::fixed(datetime!(2026-03-02 09:30 UTC));
        let app = clock.clone();
        clock.advance(Duration::minutes(31));
        assert_eq!(app.now(), datetime!(2026-03-02 10:01 UTC));
    }

    #[test]
    fn the_system_clock_is_not_moved_by_hand() {
        let clock = Clock::system();
        let before = clock.now();
        let shown = clock.advance(Duration::days(365));
        assert!(shown - before < Duration::days(1), "{before} → {shown}");
    }
}
