//! Lists as async streams over `resultStart`/`resultLimit` (`reference/threatconnect-api.md`
//! §3.2).
//!
//! A [`Paged`] fetches one page at a time, only when the items of the previous page have
//! been taken, and stops after the first page that is shorter than the page size. It never
//! relies on `resultCount`, which only the first page carries (§3.1, quirk 2): the first
//! page's count is kept as [`Paged::total`] for callers that want to show a total, and any
//! count on a later page is ignored.
//!
//! Stopping: drop the stream (the request in flight is abandoned and no further page is
//! asked for), or cancel the client's token ([`crate::Client::with_cancellation`]): the
//! stream then yields one [`Error::Cancelled`] and ends.

use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

use crate::client::ResponseMeta;
use crate::error::{Error, Result};

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// `resultCount`: the total number of matches, on the first page only (§3.1).
    pub result_count: Option<u64>,
    pub items: Vec<T>,
    pub meta: ResponseMeta,
}

/// Fetches the page starting at `start` with at most `limit` items: `(resultCount, items)`.
pub(crate) type FetchPage<T> =
    Box<dyn FnMut(usize, usize) -> BoxFuture<'static, Result<(Option<u64>, Vec<T>)>> + Send>;

/// What the pages told so far.
#[derive(Debug, Default)]
struct Progress {
    total: OnceLock<u64>,
    pages: AtomicUsize,
}

/// Every item of a list, page after page, as a [`Stream`] of `Result<T>`.
///
/// The stream ends after the last page, or right after the first error it yields.
pub struct Paged<T> {
    inner: BoxStream<'static, Result<T>>,
    progress: Arc<Progress>,
    cancel: Option<CancellationToken>,
    finished: bool,
}

impl<T> fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paged")
            .field("total", &self.total())
            .field("pages_fetched", &self.pages_fetched())
            .field("finished", &self.finished)
            .finish()
    }
}

impl<T: Send + 'static> Paged<T> {
    /// Pages of `limit` items from `fetch`, stopping early when `cancel` is cancelled.
    pub(crate) fn new(
        limit: usize,
        cancel: Option<CancellationToken>,
        mut fetch: FetchPage<T>,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let seen = progress.clone();
        // State: the next `resultStart`, or None after the last page.
        let pages = stream::try_unfold(Some(0usize), move |next| {
            let request = next.map(|start| (start, fetch(start, limit)));
            let seen = seen.clone();
            async move {
                let Some((start, page)) = request else {
                    return Ok(None);
                };
                let (count, items) = page.await?;
                let number = seen.pages.fetch_add(1, Ordering::SeqCst);
                // Only the first page's resultCount is the total; later ones are ignored.
                if number == 0
                    && let Some(count) = count
                {
                    let _ = seen.total.set(count);
                }
                let got = items.len();
                // A short page is the last one; so is an empty one.
                let next = (got >= limit && got > 0).then_some(start + got);
                Ok(Some((items, next)))
            }
        });
        let inner = pages
            .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
            .try_flatten()
            .boxed();
        Paged {
            inner,
            progress,
            cancel,
            finished: false,
        }
    }

    /// A stream that yields `error` and ends (options that cannot be sent).
    pub(crate) fn failed(error: Error) -> Self {
        Paged {
            inner: stream::once(async move { Err(error) }).boxed(),
            progress: Arc::new(Progress::default()),
            cancel: None,
            finished: false,
        }
    }

    /// Collects every item, or the first error.
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.try_collect().await
    }
}

impl<T> Paged<T> {
    /// The first page's `resultCount` (total matches), once the first page has arrived.
    /// Later pages do not carry it and are not consulted.
    pub fn total(&self) -> Option<u64> {
        self.progress.total.get().copied()
    }

    /// How many pages have arrived so far.
    pub fn pages_fetched(&self) -> usize {
        self.progress.pages.load(Ordering::SeqCst)
    }
}

impl<T> Stream for Paged<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.finished {
            return Poll::Ready(None);
        }
        if self.cancel.as_ref().is_some_and(|t| t.is_cancelled()) {
            self.finished = true;
            return Poll::Ready(Some(Err(Error::Cancelled)));
        }
        let next = self.inner.poll_next_unpin(cx);
        if matches!(next, Poll::Ready(None) | Poll::Ready(Some(Err(_)))) {
            self.finished = true;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;
    use std::sync::Mutex;

    /// A fake list of `len` numbers whose pages say `first_count` on page one and
    /// `later_count` after it; records the `(start, limit)` asked for.
    fn fake(
        len: usize,
        first_count: Option<u64>,
        later_count: Option<u64>,
        calls: Arc<Mutex<Vec<(usize, usize)>>>,
    ) -> FetchPage<usize> {
        Box::new(move |start, limit| {
            calls.lock().unwrap().push((start, limit));
            let items: Vec<usize> = (start..len.min(start + limit)).collect();
            let count = if start == 0 { first_count } else { later_count };
            async move { Ok((count, items)) }.boxed()
        })
    }

    fn drain(mut paged: Paged<usize>) -> (Vec<Result<usize>>, Paged<usize>) {
        let mut out = Vec::new();
        while let Some(item) = paged.next().now_or_never().expect("fake pages are ready") {
            out.push(item);
        }
        (out, paged)
    }

    #[test]
    fn pages_until_a_short_page_and_keeps_the_first_count_only() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        // Later pages lie about the count: they must not change the total or stop paging.
        let paged = Paged::new(10, None, fake(25, Some(25), Some(3), calls.clone()));
        assert_eq!(paged.total(), None, "nothing fetched yet");
        let (items, paged) = drain(paged);
        let items: Vec<usize> = items.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            items,
            (0..25).collect::<Vec<_>>(),
            "no duplicate, none missing"
        );
        assert_eq!(paged.total(), Some(25));
        assert_eq!(paged.pages_fetched(), 3);
        assert_eq!(*calls.lock().unwrap(), vec![(0, 10), (10, 10), (20, 10)]);
    }

    #[test]
    fn a_wrong_first_count_does_not_stop_paging_early() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let (items, paged) = drain(Paged::new(5, None, fake(12, Some(4), None, calls)));
        assert_eq!(items.len(), 12);
        assert_eq!(
            paged.total(),
            Some(4),
            "the total is what the first page said"
        );
    }

    #[test]
    fn an_exact_multiple_ends_with_one_empty_page() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let (items, paged) = drain(Paged::new(5, None, fake(10, Some(10), None, calls.clone())));
        assert_eq!(items.len(), 10);
        assert_eq!(paged.pages_fetched(), 3);
        assert_eq!(calls.lock().unwrap().last(), Some(&(10, 5)));
    }

    #[test]
    fn cancelling_ends_the_stream_with_one_error() {
        let token = CancellationToken::new();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut paged = Paged::new(
            10,
            Some(token.clone()),
            fake(100, Some(100), None, calls.clone()),
        );
        for _ in 0..15 {
            paged.next().now_or_never().unwrap().unwrap().unwrap();
        }
        token.cancel();
        let (rest, _) = drain(paged);
        assert_eq!(rest.len(), 1, "one error, then the end");
        assert_eq!(rest[0], Err(Error::Cancelled));
        assert_eq!(
            calls.lock().unwrap().len(),
            2,
            "no page asked for after cancelling"
        );
    }

    #[test]
    fn an_error_ends_the_stream() {
        let fetch: FetchPage<usize> = Box::new(|start, _| {
            async move {
                if start == 0 {
                    Ok((Some(20), (0..10).collect()))
                } else {
                    Err(Error::Api {
                        status: 500,
                        message: "boom".into(),
                    })
                }
            }
            .boxed()
        });
        let (items, _) = drain(Paged::new(10, None, fetch));
        assert_eq!(items.len(), 11);
        assert!(items[10].is_err());
    }
}
