//! The worker: performs effects off the UI thread, in the order asked, and sends each
//! result back as an action. Slow reads (git, every session for the stats) get a thread of
//! their own, so a write never waits behind them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use chrono::TimeDelta;

use super::action::Action;
use super::data::{self, Shown};
use super::effect::{Effect, Failure};
use super::search::{Found, Progress, SHOWN};
use crate::clock::Clock;
use crate::ops;
use crate::reality::changes_since;
use crate::search::{Matcher, Query, Search};
use crate::session::Source;
use crate::store::{Stamp, Store};
use crate::zone::Zone;

/// Where the worker sends its results.
pub type Reply = Arc<dyn Fn(Action) + Send + Sync>;

/// What the worker needs to do its work.
pub struct Worker {
    /// The store.
    pub store: Store,
    /// The clock changes are made at.
    pub clock: Arc<dyn Clock>,
    /// The gap threshold (for the stats).
    pub threshold: TimeDelta,
    /// Where hours and days are read (for the stats).
    pub zone: Zone,
}

impl Worker {
    /// Starts the worker; it ends once the returned sender is dropped and what was sent
    /// before is done.
    pub fn spawn(self, reply: Reply) -> (Sender<Effect>, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel::<Effect>();
        let handle = thread::spawn(move || {
            let mut stamp = None;
            // the latest search asked for: those before it stop
            let latest = Arc::new(AtomicU64::new(0));
            for effect in rx {
                self.perform(effect, (&mut stamp, &latest), &reply);
            }
        });
        (tx, handle)
    }

    fn perform(
        &self,
        effect: Effect,
        (stamp, latest): (&mut Option<Stamp>, &Arc<AtomicU64>),
        reply: &Reply,
    ) {
        let store = &self.store;
        match effect {
            Effect::Apply { change, history } => {
                let now = self.clock.now();
                let result = ops::apply(store, now, Source::Tui, change).map_err(Failure::from);
                reply(Action::Applied(Box::new(result), history));
            }
            Effect::Reload { shown, if_changed } => {
                // what hooks left in the spool shows once folded in (a write does it)
                if store.spooled().is_ok_and(|s| !s.is_empty()) {
                    let _ = store.write(|_| Ok::<_, crate::store::StoreError>(()));
                }
                let active = store.state().ok().and_then(|s| s.active);
                let now_stamp = store.stamp(active.as_ref());
                if if_changed && stamp.as_ref() == Some(&now_stamp) {
                    return;
                }
                *stamp = Some(now_stamp);
                self.load(shown.as_ref(), reply);
            }
            Effect::LoadMissions => {
                let rows = data::load_missions(store).map_err(|e| e.to_string());
                reply(Action::MissionsLoaded(rows));
            }
            Effect::LoadStats => {
                let (store, threshold, zone) = (store.clone(), self.threshold, self.zone);
                let reply = Arc::clone(reply);
                thread::spawn(move || {
                    let figures = data::load_stats(&store, threshold, zone);
                    reply(Action::StatsLoaded(
                        figures.map(Box::new).map_err(|e| e.to_string()),
                    ));
                });
            }
            Effect::Shell { dir, tmux: true } => {
                let reply = Arc::clone(reply);
                thread::spawn(move || {
                    let result = super::shell::tmux_split(&dir);
                    reply(Action::ShellDone {
                        dir,
                        split: true,
                        result,
                    });
                });
            }
            // the terminal's own: the loop does them, between frames
            Effect::Copy { .. } | Effect::Shell { tmux: false, .. } => {}
            Effect::Search { seq, pattern } => {
                latest.store(seq, Ordering::SeqCst);
                self.search(seq, pattern, latest, reply);
            }
            Effect::LoadWorkspace {
                workspace,
                mut left,
                at,
            } => {
                let (now, reply) = (self.clock.now(), Arc::clone(reply));
                let store = self.store.clone();
                thread::spawn(move || {
                    if let Some((session, id)) = at
                        && let Ok(Some((head, branch))) = super::load::head_of(&store, &session, id)
                    {
                        left.head = head.or(left.head);
                        left.branch = branch.or(left.branch);
                    }
                    let change = changes_since(&workspace, &left, now);
                    reply(Action::WorkspaceLoaded(Box::new(change)));
                });
            }
        }
    }
}

impl Worker {
    /// Searches every mission on a thread of its own, which stops as soon as a newer search
    /// is asked for (`latest` moves on); hits go back when a first screenful is found, and
    /// when the search ends. An empty pattern only stops the search under way.
    fn search(&self, seq: u64, pattern: String, latest: &Arc<AtomicU64>, reply: &Reply) {
        if pattern.is_empty() {
            return;
        }
        let (store, latest, reply) = (self.store.clone(), Arc::clone(latest), Arc::clone(reply));
        thread::spawn(move || {
            let current = move || latest.load(Ordering::SeqCst) == seq;
            let send = |hits: Vec<_>, state| {
                reply(Action::Found(Box::new(Found { seq, hits, state })));
            };
            let search = Matcher::literal(&pattern)
                .map(Query::new)
                .map_err(|e| e.to_string())
                .and_then(|query| Search::new(&store, query).map_err(|e| e.to_string()));
            let search = match search {
                Ok(search) => search.cancel_when({
                    let current = current.clone();
                    move || !current()
                }),
                Err(error) => return send(Vec::new(), Progress::Failed(error)),
            };
            let (mut hits, mut failed) = (Vec::new(), None);
            for hit in search {
                match hit {
                    Ok(_) if hits.len() == SHOWN => return send(hits, Progress::Limited),
                    Ok(hit) => hits.push(hit),
                    Err(e) => {
                        // the other missions are searched on; the first failure is told
                        failed.get_or_insert(e.to_string());
                    }
                }
                if hits.len() == FIRST_SCREEN {
                    send(hits.clone(), Progress::Searching);
                }
            }
            if current() {
                send(hits, failed.map_or(Progress::Done, Progress::Failed));
            }
        });
    }
}

/// How many hits go back before the search ends: more than a screen shows.
const FIRST_SCREEN: usize = 60;

/// A timeline longer than this shows its end before the whole of it is read.
const QUICK_FIRST_FRAME_FROM: u64 = 4 << 20;

impl Worker {
    /// Reads what changed: only what was appended when that is enough, the whole active
    /// session otherwise. A large timeline read for the first time comes in two parts: its
    /// end first (read in O(1) of its size), then the whole.
    fn load(&self, shown: Option<&Shown>, reply: &Reply) {
        let (store, threshold) = (&self.store, self.threshold);
        let loaded = |data: Result<Option<data::Data>, _>| {
            Action::Loaded(
                data.map(|d| d.map(Box::new))
                    .map_err(|e: crate::store::StoreError| e.to_string()),
            )
        };
        match shown {
            Some(shown) => match data::growth(store, shown) {
                Ok(Some(growth)) => return reply(Action::Grew(Box::new(growth))),
                Ok(None) => {}
                Err(e) => return reply(Action::Loaded(Err(e.to_string()))),
            },
            None => {
                let active = store.state().ok().and_then(|s| s.active);
                if active.is_some_and(|id| store.timeline_len(&id) > QUICK_FIRST_FRAME_FROM) {
                    reply(loaded(data::load_tail(store, threshold)));
                }
            }
        }
        reply(loaded(data::load(store, threshold)));
    }
}
