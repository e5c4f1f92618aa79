//! What can be wrong with a programme file: a code per problem, and where it is.

use crate::readiness::code::code_enum;

code_enum! {
    /// One kind of problem the validator reports. Each has its message,
    /// `programme-error-<code>`, in every language.
    pub enum Problem as "programme problem" {
        /// The text is not TOML.
        Syntax => "syntax",
        /// A key the format does not have (a typo, usually).
        UnknownField => "unknown-field",
        /// A key the format requires is absent.
        MissingField => "missing-field",
        /// A value of the wrong type: text where a number belongs, a table where a list does.
        WrongType => "wrong-type",
        /// `format` is not `ReadinessProgramme.v1`.
        WrongFormat => "wrong-format",
        /// An item kind the core does not have.
        UnknownKind => "unknown-kind",
        /// A fact the core does not have: a file names facts, it cannot define them.
        UnknownFact => "unknown-fact",
        /// An owner role that is not a console role, or that `[owners]` does not assign.
        UnknownOwnerRole => "unknown-owner-role",
        /// A decision code a rung or a local decision cannot carry.
        UnknownDecision => "unknown-decision",
        /// A dependency that names no item and no section.
        DanglingDependency => "dangling-dependency",
        /// Items that wait on each other, directly or through others.
        DependencyCycle => "dependency-cycle",
        /// Two sections with one key.
        DuplicateSection => "duplicate-section",
        /// Two items with one key.
        DuplicateItem => "duplicate-item",
        /// Two rungs with one code.
        DuplicateRung => "duplicate-rung",
        /// A rung that requires no section.
        RungWithoutSection => "rung-without-section",
        /// A rung that requires a section the programme does not have.
        RungUnknownSection => "rung-unknown-section",
        /// A local decision gated by a code that is not a rung of the ladder.
        GateNotARung => "gate-not-a-rung",
        /// A language the console speaks has no labels table.
        MissingLanguage => "missing-language",
        /// A labels table for a language the console does not speak.
        UnknownLanguage => "unknown-language",
        /// A section or item without its label in one language.
        MissingLabel => "missing-label",
        /// A description given in some languages and missing in this one.
        MissingDescription => "missing-description",
        /// A label for a section or item the programme does not have.
        LabelForNothing => "label-for-nothing",
        /// `[signoff] required` outside one to the most the console allows.
        SignaturesOutOfRange => "signatures-out-of-range",
        /// The file has no `[profile]`: a new tenant would have no profile to start with.
        MissingProfile => "missing-profile",
        /// A value of `[profile]` or of one of its providers that is not a mode; the message
        /// says why (its `reason` is a [`crate::readiness::profile::ModeError`] code).
        InvalidMode => "invalid-mode",
        /// Two providers of `[profile]` with one key.
        DuplicateProvider => "duplicate-provider",
    }
}

impl Problem {
    /// Its message id, e.g. `programme-error-unknown-fact`.
    pub fn message_id(self) -> String {
        format!("programme-error-{}", self.as_str())
    }
}

/// One problem at one place of the file: 1-based line and column (in characters), the
/// problem, and the arguments of its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong.
    pub problem: Problem,
    /// The message's arguments, by name.
    pub args: Vec<(&'static str, String)>,
}

impl ProgrammeError {
    /// The argument with this name, if the message has it.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Turns byte offsets of the text into lines and columns.
pub(super) struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self { text }
    }

    /// The error `problem` at byte `offset`.
    pub(super) fn at(
        &self,
        offset: usize,
        problem: Problem,
        args: Vec<(&'static str, String)>,
    ) -> ProgrammeError {
        let offset = offset.min(self.text.len());
        // A span may start inside a character only if the text is not UTF-8, which a `&str`
        // cannot be; floor it anyway rather than panic.
        let mut start = offset;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &self.text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let column = before[line_start..].chars().count() + 1;
        ProgrammeError {
            line,
            column,
            problem,
            args,
        }
    }
}
