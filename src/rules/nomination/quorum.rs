//! `nomination/quorum`: enough of the right people voted.

use crate::finding::Severity;
use crate::load::pointer::escape as esc;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct Quorum;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/quorum"),
    severity: Severity::Error,
    summary: "a decided nomination has at least a quorum of votes (the cycle's `quorum`, else \
              `min_votes`), and every voter is a listed reviewer and a board member",
    rationale: "A decision taken by one or two people is a decision by whoever happened to be \
                in the room. A quorum of assigned board members, and only them, is what makes \
                an outcome the board's. Abstentions count towards the quorum: the member took \
                part.",
    options: &[OptionMeta {
        name: "min_votes",
        kind: OptionKind::Count { min: 1 },
        default: "3",
        looser: Looser::Lower,
        doc: "votes needed to decide, when the cycle sets no `quorum`",
    }],
    pass: "review:\n  reviewers: [ahmed, lchen, okafor]\n  \
           votes: { ahmed: approve, lchen: approve, okafor: decline }\n\
           decision: { outcome: approved, ... }\n",
    fail: "review:\n  reviewers: [ahmed, lchen, okafor]\n  votes: { ahmed: approve }\n\
           decision: { outcome: approved, ... }   # 1 vote, quorum is 3\n",
};

impl Rule for Quorum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let cycle = cx.repo.cycle(&nom.cycle);
        let review = nom.review.clone().unwrap_or_default();
        let on_board = |who: &str| cycle.is_none_or(|c| c.item.board.iter().any(|b| b == who));

        let mut valid = 0;
        for who in review.votes.keys() {
            let reviewer = review.reviewers.iter().any(|r| r == who);
            let board = on_board(who);
            if reviewer && board {
                valid += 1;
                continue;
            }
            let cycle_id = &nom.cycle;
            let problem = match (reviewer, board) {
                (false, false) => {
                    format!("is neither a listed reviewer nor on the board of cycle `{cycle_id}`")
                }
                (false, true) => "is not a listed reviewer".to_owned(),
                _ => format!("is not on the board of cycle `{cycle_id}`"),
            };
            let mut r = out.at_key(
                n.at,
                &n.ptr(&format!("/review/votes/{}", esc(who))),
                format!("{} voted but {problem}", cx.repo.named(who)),
            );
            if !reviewer {
                r = r.related(n.at, &n.ptr("/review/reviewers"), "the listed reviewers");
            }
            if let (false, Some(c)) = (board, cycle) {
                r = r.related(
                    c.at,
                    &c.ptr("/board"),
                    format!("the board of cycle `{cycle_id}`"),
                );
            }
            r.help(if board {
                format!("add `{who}` to `reviewers`, or remove the vote")
            } else {
                "only board members assigned as reviewers may vote; remove the vote".to_owned()
            });
        }

        if !nom.is_decided() {
            return;
        }
        let (needed, by_cycle) = match cycle.and_then(|c| c.item.quorum) {
            Some(q) => (i64::from(q), true),
            None => (cx.options(META.id).count("min_votes"), false),
        };
        if valid >= needed {
            return;
        }
        let cast = review.votes.len() as i64;
        let votes = |k: i64| {
            if k == 1 {
                "1 vote".to_owned()
            } else {
                format!("{k} votes")
            }
        };
        let counted = if cast > valid {
            format!(
                "{} from reviewers on the board ({} cast)",
                votes(valid),
                cast
            )
        } else {
            votes(valid)
        };
        let quorum = if by_cycle {
            format!("cycle `{}` requires a quorum of {needed}", nom.cycle)
        } else {
            format!("the quorum is {needed} (option `min_votes`)")
        };
        let mut r = out.at(
            n.at,
            &n.ptr("/decision/outcome"),
            format!("nomination {} with {counted}; {quorum}", nom.outcome()),
        );
        if cast > 0 {
            r = r.related(n.at, &n.ptr("/review/votes"), "the votes cast");
        }
        if let (true, Some(c)) = (by_cycle, cycle) {
            r = r.related(
                c.at,
                &c.ptr("/quorum"),
                format!("the quorum of cycle `{}`", nom.cycle),
            );
        }
        r.help("record the missing votes, or set the outcome back to `pending`");
    }
}
