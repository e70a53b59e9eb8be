//! The `fairness:` section: attributes, group sizes, threshold,
//! significance and correction.

use super::parse::{show, Parse};
use super::{Fairness, MIN_GROUP_SIZE_FLOOR};
use crate::load::node::{Node, Value};

impl Parse<'_> {
    pub(super) fn fairness(&mut self, value: &Node, fairness: &mut Fairness) {
        use crate::fairness::stats::Correction;
        let Value::Map(entries) = &value.value else {
            self.error(
                value.pos,
                format!("`fairness` must be a mapping, found {}", value.type_name()),
                None,
            );
            return;
        };
        const KEYS: [&str; 6] = [
            "attributes",
            "min_group_size",
            "ratio_threshold",
            "significance",
            "correction",
            "min_time_in_level",
        ];
        for (key, v) in entries {
            match (key.name.as_str(), &v.value) {
                ("attributes", Value::Seq(items)) if items.iter().all(|i| i.as_str().is_some()) => {
                    fairness.attributes = items
                        .iter()
                        .filter_map(|i| i.as_str().map(String::from))
                        .collect();
                }
                // Below 3, a group's count and its rate name the people in it.
                ("min_group_size", Value::Int(i)) if *i >= MIN_GROUP_SIZE_FLOOR => {
                    fairness.min_group_size = *i as u64
                }
                ("ratio_threshold", Value::Float(f)) if *f > 0.0 && *f <= 1.0 => {
                    fairness.ratio_threshold = *f
                }
                ("ratio_threshold", Value::Int(1)) => fairness.ratio_threshold = 1.0,
                ("significance", Value::Float(f)) if *f > 0.0 && *f < 1.0 => {
                    fairness.significance = *f
                }
                ("correction", Value::Str(c)) if Correction::parse(c).is_some() => {
                    fairness.correction = Correction::parse(c).unwrap_or_default()
                }
                ("min_time_in_level", Value::Int(i)) if (0..=1200).contains(i) => {
                    fairness.min_time_in_level = Some(*i as u32)
                }
                ("correction", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.correction` must be one of {}, found {}",
                        Correction::NAMES.map(|n| format!("`{n}`")).join(", "),
                        show(v)
                    ),
                    None,
                ),
                ("min_time_in_level", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.min_time_in_level` must be a whole number of months (0 to 1200), found {}",
                        show(v)
                    ),
                    None,
                ),
                ("attributes", _) => self.error(
                    v.pos,
                    "`fairness.attributes` must be a list of attribute names".into(),
                    None,
                ),
                ("min_group_size", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.min_group_size` must be a whole number of at least \
                         {MIN_GROUP_SIZE_FLOOR}, found {}",
                        show(v)
                    ),
                    None,
                ),
                ("ratio_threshold", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.ratio_threshold` must be a number in (0, 1], found {}",
                        show(v)
                    ),
                    None,
                ),
                ("significance", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.significance` must be a number in (0, 1), found {}",
                        show(v)
                    ),
                    None,
                ),
                (other, _) => {
                    let help = crate::suggest::suggest(other, KEYS).map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        key.pos,
                        format!("unknown key `{other}` in `fairness`"),
                        help,
                    );
                }
            }
        }
    }
}
