//! The command line's wording of a [`Hint`]: a command to run.

use color_eyre::Report;

use crate::hint::{Hint, Hinted};
use crate::ops::OpError;
use crate::store::StoreError;

/// The one-line message of an error, with what to do about it said as a command.
pub fn explain(report: &Report) -> String {
    let hint = if let Some(e) = report.downcast_ref::<OpError>() {
        e.hint()
    } else if let Some(e) = report.downcast_ref::<StoreError>() {
        e.hint()
    } else {
        None
    };
    let mut message = report.to_string();
    if let Some(hint) = hint {
        message.push_str(&suffix(&hint));
    }
    message
}

/// What follows an error's message for `hint`, its punctuation included.
pub fn suffix(hint: &Hint) -> String {
    match hint {
        Hint::StartMission => ": start one with `tether start TITLE`, or pick one with `tether switch ID` (`tether missions` lists them)".into(),
        Hint::NextMission => ": start a new mission with `tether start TITLE`".into(),
        Hint::ListSteps => " (`tether step list` numbers them)".into(),
        Hint::ListMissions => ": `tether missions` lists the sessions".into(),
        Hint::Continue(id) => format!(": pick another id, or `tether switch {id}` to continue it"),
        Hint::SwitchTo(id) => format!(": `tether switch {id}` makes it the active one"),
        Hint::Say(what) => say(what),
        Hint::Shorten => ": shorten it, or keep large text in a file and log its path".into(),
        Hint::Doctor => ". `tether doctor` shows what is wrong, `tether doctor --repair` keeps every readable record and moves the rest aside".into(),
        Hint::Repair => ". `tether doctor --repair` rebuilds what it can".into(),
        Hint::TryAgain => ". Try again".into(),
        Hint::FollowHere(dir) => format!(
            ": `tether start --workspace {} TITLE` starts one",
            crate::sanitize::line(&dir.display().to_string())
        ),
    }
}

/// An example of what goes in an empty field.
fn say(what: &str) -> String {
    match what {
        "mission title" => ": name the mission, e.g. tether start \"Implement Reality Agents\"",
        "step" => ": say what is to be done, e.g. tether step add \"Write the gap tests\"",
        "decision" => ": say what was decided, e.g. tether decide \"JSONL for the timeline\"",
        "text" => ": say what happened, e.g. tether log \"Reviewed the fix plan\"",
        _ => "",
    }
    .to_string()
}
