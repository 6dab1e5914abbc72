//! The threads that decode a long read's blocks: started once for the read, each taking its
//! piece of every block in turn. A thread a piece a block would start and end hundreds of
//! threads for a long timeline, each a stack mapped and unmapped (and the other cores
//! interrupted to forget its mapping).

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::Scope;

use super::{Decoded, Sink, Skip, decode_lines};

/// A piece of a block to decode, and the room to decode it into.
struct Job<S> {
    block: Arc<Vec<u8>>,
    /// Where the block starts in the file.
    at: u64,
    range: Range<usize>,
    part: S,
}

/// The decoding threads of one read; they end when it is dropped.
pub(super) struct Workers<S> {
    jobs: Vec<Sender<Job<S>>>,
    results: Vec<Receiver<(S, Decoded)>>,
}

impl<S: Sink> Workers<S> {
    /// Starts `n` threads in `scope`, each leaving out the lines `skip` names.
    pub(super) fn start<'scope, 'env>(
        scope: &'scope Scope<'scope, 'env>,
        n: usize,
        skip: Option<Skip<'env>>,
    ) -> Self
    where
        S: 'scope,
    {
        let (mut jobs, mut results) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let (job_sender, job_receiver) = mpsc::channel::<Job<S>>();
            let (result_sender, result_receiver) = mpsc::channel();
            scope.spawn(move || {
                for mut job in job_receiver {
                    job.part.clear();
                    let at = job.at + job.range.start as u64;
                    let decoded = decode_lines(&job.block[job.range], at, &mut job.part, skip);
                    // the block goes back to the reader once every piece of it is decoded
                    drop(job.block);
                    if result_sender.send((job.part, decoded)).is_err() {
                        return;
                    }
                }
            });
            jobs.push(job_sender);
            results.push(result_receiver);
        }
        Workers { jobs, results }
    }

    /// How many threads decode.
    pub(super) fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Has thread `k` decode `range` of `block` (which starts `at` bytes into the file)
    /// into `part`.
    pub(super) fn send(
        &self,
        k: usize,
        (block, at): (Arc<Vec<u8>>, u64),
        range: Range<usize>,
        part: S,
    ) {
        let job = Job {
            block,
            at,
            range,
            part,
        };
        self.jobs[k]
            .send(job)
            .expect("a decoding thread ended early");
    }

    /// What thread `k` made of the piece it was sent the longest ago.
    pub(super) fn receive(&self, k: usize) -> (S, Decoded) {
        self.results[k].recv().expect("decoding panicked")
    }
}
