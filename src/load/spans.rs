//! Where the nodes of a file read by the fast path are: the byte ranges of
//! every node and mapping key, kept from the one parse that built its JSON,
//! so that a finding's place (document, JSON pointer) becomes a position
//! without reading the file again.
//!
//! Nodes are kept in document order (a node, then its subtree), each with
//! the size of its subtree, so a pointer is followed by skipping whole
//! siblings: no tree of owned values, a few words per node.

use std::ops::Range;

/// What a node is, for following a pointer through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Scalar,
    Seq,
    Map,
}

/// One node in 16 bytes (a file of 100,000 nominations holds millions).
#[derive(Clone, Copy, Debug)]
struct At {
    /// The node's bytes; a block collection's range is empty, at its start.
    start: u32,
    len: u32,
    /// Nodes in its subtree, itself included (low 30 bits), and its shape
    /// (top 2 bits).
    size_shape: u32,
    /// The key that leads to it when its parent is a mapping: how far
    /// before `start` it starts, and its length. `NO_KEY` for none, `FAR`
    /// for a key kept in `Spans::far_keys` (one too far or too long).
    key_back: u16,
    key_len: u16,
}

const _: () = assert!(std::mem::size_of::<At>() == 16);

const NO_KEY: (u16, u16) = (u16::MAX, 0);
const FAR: (u16, u16) = (u16::MAX, u16::MAX);
const SIZE_BITS: u32 = 30;

impl At {
    fn size(&self) -> u32 {
        self.size_shape & ((1 << SIZE_BITS) - 1)
    }

    fn shape(&self) -> Shape {
        match self.size_shape >> SIZE_BITS {
            0 => Shape::Scalar,
            1 => Shape::Seq,
            _ => Shape::Map,
        }
    }

    fn set_size(&mut self, size: u32) {
        // Files hold at most `fast::MAX_NODES` nodes, far below 2^30.
        let size = size.min((1 << SIZE_BITS) - 1);
        self.size_shape = (self.size_shape & !((1 << SIZE_BITS) - 1)) | size;
    }
}

/// The positions of the nodes of a file's documents.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    nodes: Vec<At>,
    /// Where each document's root is in `nodes`.
    roots: Vec<u32>,
    /// The names of keys whose source is not their name (quoted or
    /// escaped), by node; every other key is its own source text.
    names: Vec<(u32, Box<str>)>,
    /// The byte ranges of keys that do not fit in `At`, by node.
    far_keys: Vec<(u32, Range<u32>)>,
    /// Open collections while building.
    open: Vec<u32>,
    /// The children of each large mapping by key, built on the first
    /// lookup in one: finding many keys of a mapping of 100,000 keys is
    /// then not quadratic.
    large: std::sync::OnceLock<ahash::AHashMap<u32, ahash::AHashMap<Box<str>, u32>>>,
}

/// Mappings whose subtree has more nodes than this are looked up by key
/// through an index; smaller ones are searched in order.
const INDEX_FROM: u32 = 128;

/// A node found by a pointer: the key that leads to it, its own range, and
/// whether it is a collection.
pub struct Found {
    pub key: Option<Range<u32>>,
    pub node: Range<u32>,
    pub collection: bool,
}

impl Spans {
    /// A scalar at `range`, reached by `key` (its range, and its name when
    /// that is not the key's source text).
    pub fn scalar(&mut self, range: Range<usize>, key: Option<&Key>) {
        self.push(range, key, Shape::Scalar);
    }

    /// A collection starts.
    pub fn open(&mut self, range: Range<usize>, key: Option<&Key>, map: bool) {
        let i = self.push(range, key, if map { Shape::Map } else { Shape::Seq });
        self.open.push(i);
    }

    /// The collection opened last ends.
    pub fn close(&mut self) {
        if let Some(i) = self.open.pop() {
            let size = self.nodes.len() as u32 - i;
            self.nodes[i as usize].set_size(size);
        }
    }

    fn push(&mut self, range: Range<usize>, key: Option<&Key>, shape: Shape) -> u32 {
        let i = self.nodes.len() as u32;
        if self.open.is_empty() {
            self.roots.push(i);
        }
        let start = range.start as u32;
        let (key_back, key_len) = match key {
            Some(k) => {
                if let Some(name) = &k.name {
                    self.names.push((i, name.clone().into_boxed_str()));
                }
                let back = start.checked_sub(k.range.start as u32);
                let len = k.range.end.checked_sub(k.range.start);
                match (back, len) {
                    (Some(back), Some(len))
                        if back < u32::from(u16::MAX) && len < usize::from(u16::MAX) =>
                    {
                        (back as u16, len as u16)
                    }
                    _ => {
                        let range = k.range.start as u32..k.range.end as u32;
                        self.far_keys.push((i, range));
                        FAR
                    }
                }
            }
            None => NO_KEY,
        };
        let shape = match shape {
            Shape::Scalar => 0,
            Shape::Seq => 1,
            Shape::Map => 2,
        };
        self.nodes.push(At {
            start,
            len: (range.end as u32).saturating_sub(start),
            size_shape: (shape << SIZE_BITS) | 1,
            key_back,
            key_len,
        });
        i
    }

    /// How many documents the file holds.
    pub fn documents(&self) -> usize {
        self.roots.len()
    }

    /// Drop what building needed and fit the memory to the nodes.
    pub fn finish(&mut self) {
        self.open = Vec::new();
        self.nodes.shrink_to_fit();
        self.roots.shrink_to_fit();
        self.names.shrink_to_fit();
        self.far_keys.shrink_to_fit();
    }

    /// The node at `pointer` (RFC 6901) in document `doc`, as
    /// `node::Node::resolve` finds it in the node tree.
    pub fn resolve(&self, text: &str, doc: usize, pointer: &str) -> Option<Found> {
        let mut i = *self.roots.get(doc)? as usize;
        if !pointer.is_empty() {
            for raw in pointer.strip_prefix('/')?.split('/') {
                let token = super::pointer::unescape(raw);
                let at = &self.nodes[i];
                let end = i + at.size() as usize;
                let mut child = i + 1;
                match at.shape() {
                    Shape::Map if at.size() > INDEX_FROM => {
                        child = *self.index(text).get(&(i as u32))?.get(token.as_str())? as usize;
                    }
                    Shape::Map => loop {
                        if child >= end {
                            return None;
                        }
                        if self.key_name(text, child) == Some(token.as_str()) {
                            break;
                        }
                        child += self.nodes[child].size() as usize;
                    },
                    Shape::Seq => {
                        let n = token.parse::<usize>().ok()?;
                        for _ in 0..n {
                            if child >= end {
                                return None;
                            }
                            child += self.nodes[child].size() as usize;
                        }
                        if child >= end {
                            return None;
                        }
                    }
                    Shape::Scalar => return None,
                }
                i = child;
            }
        }
        let at = &self.nodes[i];
        Some(Found {
            key: self.key(i),
            node: at.start..at.start + at.len,
            collection: at.shape() != Shape::Scalar,
        })
    }

    /// The children of every large mapping, by key.
    fn index(&self, text: &str) -> &ahash::AHashMap<u32, ahash::AHashMap<Box<str>, u32>> {
        self.large.get_or_init(|| {
            let mut all = ahash::AHashMap::new();
            for (i, at) in self.nodes.iter().enumerate() {
                if at.shape() != Shape::Map || at.size() <= INDEX_FROM {
                    continue;
                }
                let mut keys = ahash::AHashMap::new();
                let end = i + at.size() as usize;
                let mut child = i + 1;
                while child < end {
                    if let Some(k) = self.key_name(text, child) {
                        keys.insert(k.into(), child as u32);
                    }
                    child += self.nodes[child].size() as usize;
                }
                all.insert(i as u32, keys);
            }
            all
        })
    }

    /// The byte range of the key that leads to node `i`, if any.
    fn key(&self, i: usize) -> Option<Range<u32>> {
        let at = &self.nodes[i];
        match (at.key_back, at.key_len) {
            NO_KEY => None,
            FAR => self
                .far_keys
                .binary_search_by_key(&(i as u32), |(n, _)| *n)
                .ok()
                .map(|k| self.far_keys[k].1.clone()),
            (back, len) => {
                let start = at.start - u32::from(back);
                Some(start..start + u32::from(len))
            }
        }
    }

    fn key_name<'a>(&'a self, text: &'a str, i: usize) -> Option<&'a str> {
        let range = self.key(i)?;
        if let Ok(k) = self.names.binary_search_by_key(&(i as u32), |(n, _)| *n) {
            return Some(&self.names[k].1);
        }
        text.get(range.start as usize..range.end as usize)
    }
}

/// A mapping key while building: its bytes, and its name when the bytes
/// do not spell it (quotes, escapes).
pub struct Key {
    pub range: Range<usize>,
    pub name: Option<String>,
}
