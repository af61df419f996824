//! The in-process store: slots in sharded maps, one lock per shard. A request locks only the
//! shards of its own slots (in a fixed order, so two requests never wait on each other in a
//! cycle), so requests on different endpoints or advertisers do not serialize.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::lesson::Lessons;
use super::plan::{self, Adaptive, Outcome, Rule, Slot};
use super::{Plan, MAX_SLOTS};

/// The slots of a request as the in-process store knows them: each slot's key and rule.
pub(crate) type Keyed = [Option<(u64, Rule)>; MAX_SLOTS];

/// The keys and rules of a plan's slots.
pub(crate) fn keyed(plan: &Plan<'_>) -> Keyed {
    plan.slots.map(|s| s.map(|s| (s.hash(), s.rule)))
}

const SHARDS: usize = 64;
/// A shard sweeps its expired slots when it grows past this many.
const SWEEP_AT: usize = 4_096;

/// The slot keys are already hashes (FNV-1a of the slot's parts): the map uses them as they are.
#[derive(Default)]
struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map = HashMap<u64, Slot, BuildHasherDefault<KeyIsHash>>;

pub(crate) struct Memory {
    shards: Box<[Mutex<Map>]>,
}

impl Memory {
    pub(crate) fn new() -> Self {
        Memory {
            shards: (0..SHARDS).map(|_| Mutex::new(Map::default())).collect(),
        }
    }

    /// Locks the shards of `keys` in ascending order, each once.
    fn lock(&self, keys: &[Option<u64>; MAX_SLOTS]) -> Locked<'_> {
        let mut idx: [Option<usize>; MAX_SLOTS] = [None; MAX_SLOTS];
        for (i, k) in keys.iter().enumerate() {
            idx[i] = k.map(shard_of);
        }
        let mut order = idx;
        order.sort_unstable();
        let mut guards: [Option<(usize, MutexGuard<'_, Map>)>; MAX_SLOTS] =
            [None, None, None, None];
        let mut last = None;
        for (g, s) in guards.iter_mut().zip(order.iter().flatten()) {
            if last == Some(*s) {
                continue;
            }
            last = Some(*s);
            // A panic while a shard was held leaves plain numbers behind: still usable.
            *g = Some((
                *s,
                self.shards[*s]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            ));
        }
        Locked { guards }
    }

    /// Reserves the slots (their keys and rules) at `now` (µs), every spacing stretched by
    /// `1 / share`.
    pub(crate) fn reserve(
        &self,
        keyed: &Keyed,
        now: u64,
        max_wait: u64,
        adaptive: &Adaptive,
        share: f64,
    ) -> Outcome {
        let keys = keyed.map(|s| s.map(|(k, _)| k));
        let mut rules = [Rule::default(); MAX_SLOTS];
        let mut slots = [Slot::default(); MAX_SLOTS];
        let mut n = 0;
        let mut locked = self.lock(&keys);
        let mut which = [0u64; MAX_SLOTS];
        for (k, rule) in keyed.iter().flatten() {
            rules[n] = scaled(*rule, share);
            slots[n] = locked.get(*k, now);
            which[n] = *k;
            n += 1;
        }
        let outcome = plan::reserve(&mut slots[..n], &rules[..n], now, max_wait, adaptive);
        if let Outcome::Granted { .. } = outcome {
            for (k, s) in which.iter().zip(&slots).take(n) {
                locked.put(*k, *s, now);
            }
        }
        outcome
    }

    /// Applies the lessons of one answer.
    pub(crate) fn learn(&self, plan: &Plan<'_>, lessons: &Lessons, adaptive: &Adaptive) {
        let now = lessons.now;
        let keys = plan.slots.map(|s| s.map(|s| s.hash()));
        let mut locked = self.lock(&keys);
        for ((s, k), l) in plan.slots.iter().zip(&keys).zip(&lessons.each) {
            if let (Some(s), Some(k), Some(l)) = (s, k, l) {
                let mut slot = locked.get(*k, now);
                plan::learn(&mut slot, &s.rule, l, now, adaptive);
                locked.put(*k, slot, now);
            }
        }
    }
}

/// A rule at a share of its limit (the fallback's).
fn scaled(rule: Rule, share: f64) -> Rule {
    if share >= 1.0 {
        return rule;
    }
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    Rule {
        interval: (rule.interval as f64 / share).ceil() as u64,
        daily: if rule.daily == 0 {
            0
        } else {
            ((rule.daily as f64 * share).floor() as u64).max(1)
        },
        adaptive: rule.adaptive,
    }
}

fn shard_of(key: u64) -> usize {
    // The key is an FNV hash: its high bits are as mixed as any.
    usize::try_from(key >> 58).unwrap_or(0) % SHARDS
}

struct Locked<'a> {
    guards: [Option<(usize, MutexGuard<'a, Map>)>; MAX_SLOTS],
}

impl Locked<'_> {
    fn map(&mut self, key: u64) -> Option<&mut Map> {
        let s = shard_of(key);
        self.guards
            .iter_mut()
            .flatten()
            .find(|(i, _)| *i == s)
            .map(|(_, g)| &mut **g)
    }

    /// The slot's state; a slot past its expiry starts afresh.
    fn get(&mut self, key: u64, now: u64) -> Slot {
        self.map(key)
            .and_then(|m| m.get(&key).copied())
            .filter(|s| s.expires > now)
            .unwrap_or_default()
    }

    fn put(&mut self, key: u64, slot: Slot, now: u64) {
        if let Some(m) = self.map(key) {
            if m.len() >= SWEEP_AT && !m.contains_key(&key) {
                m.retain(|_, s| s.expires > now);
            }
            m.insert(key, slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_slots_are_swept() {
        let m = Memory::new();
        let mut locked = m.lock(&[Some(0), None, None, None]);
        for k in 0..(SWEEP_AT as u64 + 10) {
            // All in shard 0: keys below 2^58.
            locked.put(
                k,
                Slot {
                    expires: 5,
                    ..Slot::default()
                },
                0,
            );
        }
        locked.put(SWEEP_AT as u64 + 100, Slot::default(), 10);
        assert!(locked.map(0).unwrap().len() < 10);
    }

    #[test]
    fn the_fallback_share_stretches_spacing() {
        let r = Rule {
            interval: 100,
            daily: 10,
            adaptive: false,
        };
        assert_eq!(
            scaled(r, 0.5),
            Rule {
                interval: 200,
                daily: 5,
                adaptive: false
            }
        );
        assert_eq!(scaled(r, 1.0), r);
    }
}
