//! Login throttling: how many failed logins an account, and an address, may have before the
//! next attempt must wait, and until when.
//!
//! The failures themselves are kept by the store (so several servers on one database share
//! them); this is the rule over their times. An attempt while throttled is refused before the
//! password is checked, so a locked account gives no oracle.

use chrono::{DateTime, Duration, Utc};

/// The rule: at most `max_failures` in any `window`, per account and per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    /// Failures allowed per account within the window.
    pub per_account: usize,
    /// Failures allowed per client address within the window (a NAT serves many people).
    pub per_address: usize,
    /// The sliding window.
    pub window: Duration,
}

impl Default for LoginThrottle {
    /// 5 per account and 20 per address in 15 minutes (OWASP's order of magnitude).
    fn default() -> Self {
        LoginThrottle {
            per_account: 5,
            per_address: 20,
            window: Duration::minutes(15),
        }
    }
}

/// Why a login must wait, and until when (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    /// The first moment the next attempt is allowed.
    pub until: DateTime<Utc>,
    /// Whether the account (rather than the address) reached its limit.
    pub account: bool,
}

impl LoginThrottle {
    /// Whether a login may be tried at `now`, given the times of recent failures for the
    /// account and for the address (any order; older ones than the window are ignored).
    pub fn check(
        &self,
        account_failures: &[DateTime<Utc>],
        address_failures: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Result<(), Throttled> {
        let account = self.wait(account_failures, self.per_account, now);
        let address = self.wait(address_failures, self.per_address, now);
        match (account, address) {
            (None, None) => Ok(()),
            (Some(a), Some(b)) if b > a => Err(Throttled {
                until: b,
                account: false,
            }),
            (Some(until), _) => Err(Throttled {
                until,
                account: true,
            }),
            (None, Some(until)) => Err(Throttled {
                until,
                account: false,
            }),
        }
    }

    /// When the oldest failure that keeps the count at the limit leaves the window.
    fn wait(
        &self,
        failures: &[DateTime<Utc>],
        limit: usize,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let since = now - self.window;
        let mut recent: Vec<DateTime<Utc>> =
            failures.iter().copied().filter(|t| *t > since).collect();
        if recent.len() < limit.max(1) {
            return None;
        }
        recent.sort_unstable();
        // With `limit` allowed, the attempt may go once all but `limit - 1` have aged out.
        let keep = recent.len() - (limit - 1).min(recent.len());
        Some(recent[keep - 1] + self.window)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + minute * 60, 0).unwrap()
    }

    #[test]
    fn five_failures_lock_the_account_for_the_window() {
        let rule = LoginThrottle::default();
        let four: Vec<_> = (0..4).map(at).collect();
        assert_eq!(rule.check(&four, &four, at(5)), Ok(()));
        let five: Vec<_> = (0..5).map(at).collect();
        let err = rule.check(&five, &five, at(5)).unwrap_err();
        assert!(err.account);
        // The oldest failure (minute 0) leaves the window at minute 15.
        assert_eq!(err.until, at(15));
        assert_eq!(rule.check(&five, &five, at(15)), Ok(()));
    }

    #[test]
    fn an_address_is_throttled_across_accounts() {
        let rule = LoginThrottle::default();
        let many: Vec<_> = (0..20).map(|m| at(m / 2)).collect();
        let err = rule.check(&[], &many, at(10)).unwrap_err();
        assert!(!err.account);
        assert_eq!(err.until, at(15));
    }

    #[test]
    fn old_failures_do_not_count() {
        let rule = LoginThrottle::default();
        let old: Vec<_> = (0..10).map(at).collect();
        assert_eq!(rule.check(&old, &old, at(40)), Ok(()));
    }
}
