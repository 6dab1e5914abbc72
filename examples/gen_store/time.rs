//! When a person works: weekdays around lunch, some evenings, rare weekends, holidays.

use chrono::{DateTime, Utc};

use super::text::Rng;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// `n` interaction times in order, the last one at `end`.
pub fn schedule(rng: &mut Rng, n: usize, end: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut offsets: Vec<i64> = Vec::with_capacity(n);
    let mut day: i64 = 0;
    let mut holiday_left = 0;
    while offsets.len() < n {
        let weekday = day.rem_euclid(7); // day 0 is a Monday
        let base = day * DAY;
        day += 1;
        if holiday_left > 0 {
            holiday_left -= 1;
            continue;
        }
        if rng.chance(0.004) {
            holiday_left = 4 + rng.below(12) as i64; // a week or two away
            continue;
        }
        if weekday >= 5 {
            if rng.chance(0.08) {
                let start = base + hours(10.0 + rng.unit() * 4.0);
                let stop = start + hours(0.5 + rng.unit() * 2.0);
                block(rng, &mut offsets, n, start, stop);
            }
            continue;
        }
        if rng.chance(0.03) {
            continue; // a day off
        }
        let morning = base + hours(8.0 + rng.unit() * 1.5);
        let lunch = base + hours(11.75 + rng.unit() * 1.0);
        block(rng, &mut offsets, n, morning, lunch);
        // Lunch is usually short, sometimes a long meeting or errand: a gap.
        let back = lunch + minutes(30.0 + rng.unit() * if rng.chance(0.15) { 180.0 } else { 60.0 });
        let evening = base + hours(17.0 + rng.unit() * 2.0);
        block(rng, &mut offsets, n, back, evening);
        if rng.chance(0.25) {
            let late = base + hours(20.5 + rng.unit() * 1.5);
            let stop = late + hours(0.5 + rng.unit() * 2.0);
            block(rng, &mut offsets, n, late, stop);
        }
    }
    offsets.truncate(n);
    let shift = end.timestamp() - offsets.last().copied().unwrap_or(0);
    offsets
        .into_iter()
        .map(|s| DateTime::from_timestamp(s + shift, 0).expect("in range"))
        .collect()
}

/// Interactions from `start` to `stop` at a varying pace: quiet stretches, steady work,
/// bursts of quick lines from an agent, and short breaks.
fn block(rng: &mut Rng, out: &mut Vec<i64>, n: usize, start: i64, stop: i64) {
    let mut t = start;
    let mut mean = pace(rng);
    while t < stop && out.len() < n {
        out.push(t);
        if rng.chance(0.03) {
            mean = pace(rng);
        }
        let step = if rng.chance(0.02) {
            minutes(15.0 + rng.unit() * 70.0) // a coffee, a meeting
        } else {
            (rng.exponential() * mean).max(1.0) as i64
        };
        t += step;
    }
}

/// The mean seconds between two interactions in a stretch of work.
fn pace(rng: &mut Rng) -> f64 {
    match rng.below(10) {
        0..=2 => 8.0 + rng.unit() * 30.0, // an agent or a hook in full flow
        3..=6 => 60.0 + rng.unit() * 240.0, // steady work
        _ => 300.0 + rng.unit() * 900.0,  // reading, thinking
    }
}

fn hours(h: f64) -> i64 {
    (h * 3600.0) as i64
}

fn minutes(m: f64) -> i64 {
    (m * 60.0) as i64
}
