//! Politeness toward one host: a gate that spaces request starts by the
//! delay, pauses for `Retry-After`, and retries transient failures with
//! exponential backoff up to a cap.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Client;
use tokio::time::Instant;
use url::Url;

use super::fetch::{self, Failure, FailureKind, Fetched};

/// The longest wait honoured before a retry; a server asking for longer
/// gets its failure recorded instead.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// Spaces the starts of requests to one host, shared by its fetch tasks.
#[derive(Debug, Clone)]
pub(super) struct Gate {
    next: Arc<Mutex<Instant>>,
    delay: Duration,
}

impl Gate {
    pub(super) fn new(delay: Duration) -> Self {
        Self {
            next: Arc::new(Mutex::new(Instant::now())),
            delay,
        }
    }

    /// Waits for this request's turn.
    pub(super) async fn wait(&self) {
        let slot = {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let slot = (*next).max(Instant::now());
            *next = slot + self.delay;
            slot
        };
        // A timer rounds its deadline up to the next millisecond tick, so a
        // sleep until now would still wait for it: with no delay (and on the
        // first request) that was up to 1 ms added to every request.
        if slot > Instant::now() {
            tokio::time::sleep_until(slot).await;
        }
    }

    /// Holds every request to the host back for `pause` (429/503 Retry-After).
    pub(super) fn pause(&self, pause: Duration) {
        let mut next = self
            .next
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *next = (*next).max(Instant::now() + pause);
    }
}

/// How failed requests are retried.
#[derive(Debug, Clone, Copy)]
pub(super) struct Retry {
    pub max_retries: u32,
    pub backoff: Duration,
}

impl Retry {
    fn backoff(self, attempt: u32) -> Duration {
        self.backoff
            .saturating_mul(1 << attempt.min(16))
            .min(MAX_WAIT)
    }
}

/// Whether trying the request again may succeed.
fn is_transient(f: &Failure) -> bool {
    f.kind.is_transient()
        || (f.kind == FailureKind::HttpStatus
            && matches!(f.status, Some(429 | 500 | 502 | 503 | 504)))
}

/// GETs a page through the gate, retrying transient failures.
pub(super) async fn fetch(
    client: &Client,
    gate: &Gate,
    retry: Retry,
    url: &Url,
    max_body: usize,
) -> Result<Fetched, Failure> {
    let mut attempt = 0;
    loop {
        gate.wait().await;
        let failure = match fetch::fetch(client, url.clone(), max_body).await {
            Ok(fetched) => return Ok(fetched),
            Err(failure) => failure,
        };
        if !is_transient(&failure) || attempt >= retry.max_retries {
            return Err(failure);
        }
        match failure.retry_after {
            Some(wait) if wait > MAX_WAIT => return Err(failure),
            Some(wait) => gate.pause(wait),
            None => tokio::time::sleep(retry.backoff(attempt)).await,
        }
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let r = Retry {
            max_retries: 3,
            backoff: Duration::from_millis(500),
        };
        assert_eq!(r.backoff(0), Duration::from_millis(500));
        assert_eq!(r.backoff(2), Duration::from_secs(2));
        assert_eq!(r.backoff(30), MAX_WAIT);
    }

    /// Whether a future is ready on its first poll.
    fn ready_at_once(future: impl std::future::Future<Output = ()>) -> bool {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        std::pin::pin!(future).poll(&mut cx).is_ready()
    }

    #[tokio::test]
    async fn a_gate_with_no_delay_never_waits_for_the_timer() {
        let gate = Gate::new(Duration::ZERO);
        for _ in 0..10 {
            assert!(ready_at_once(gate.wait()));
        }
        let spaced = Gate::new(Duration::from_millis(100));
        assert!(ready_at_once(spaced.wait()));
        assert!(!ready_at_once(spaced.wait()));
    }

    #[tokio::test(start_paused = true)]
    async fn the_gate_spaces_requests_and_pauses() {
        let gate = Gate::new(Duration::from_millis(100));
        let start = Instant::now();
        gate.wait().await;
        gate.wait().await;
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        gate.pause(Duration::from_secs(5));
        gate.wait().await;
        assert!(start.elapsed() >= Duration::from_secs(5));
    }
}
