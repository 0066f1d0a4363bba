//! Finds Fluent messages that choose a plural form but lack a form their language needs, such
//! as a Russian message with `[one]` and `*[other]` but no `[few]` ("2 дня") or `[many]`
//! ("5 дней"). Fluent itself silently uses the default variant instead.
//!
//! This module only inspects parsed messages; it must not format them or build diagnostics.

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

/// Variant keys that mark a select expression as a choice of plural form. `other` is not among
/// them: it is also the usual default of selects on words, and every select has a default.
const PLURAL_KEYS: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// Messages (by id, in file order) whose plural selects lack some of `needed`, with the
/// missing category names in the order of `needed`.
pub(super) fn missing_plural_forms<'a>(
    entries: impl Iterator<Item = &'a Entry<&'a str>>,
    needed: &[&'static str],
) -> Vec<(String, Vec<&'static str>)> {
    let mut found = Vec::new();
    for entry in entries {
        let Entry::Message(message) = entry else {
            continue;
        };
        let mut selects = Vec::new();
        let patterns = message
            .value
            .iter()
            .chain(message.attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            plural_selects(pattern, &mut selects);
        }
        let missing: Vec<&'static str> = needed
            .iter()
            .copied()
            .filter(|category| selects.iter().any(|keys| !keys.contains(category)))
            .collect();
        if !missing.is_empty() {
            found.push((message.id.name.to_owned(), missing));
        }
    }
    found
}

/// The variant keys of every plural select in `pattern`, nested ones included.
fn plural_selects<'a>(pattern: &Pattern<&'a str>, selects: &mut Vec<Vec<&'a str>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_selects(expression, selects);
        }
    }
}

fn expression_selects<'a>(expression: &Expression<&'a str>, selects: &mut Vec<Vec<&'a str>>) {
    match expression {
        Expression::Select { selector, variants } => {
            let keys: Vec<&str> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    VariantKey::Identifier { name } => Some(*name),
                    VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            let on_number = match selector {
                InlineExpression::VariableReference { .. } => true,
                InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                _ => false,
            };
            if on_number && keys.iter().any(|k| PLURAL_KEYS.contains(k)) {
                selects.push(keys);
            }
            for variant in variants {
                plural_selects(&variant.value, selects);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_selects(expression, selects);
        }
        Expression::Inline(_) => {}
    }
}

/// The byte offset of the definition of message `id` in `text` (0 if not found), so that a
/// diagnostic can point at it.
pub(super) fn message_offset(text: &str, id: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use fluent_syntax::parser::parse;

    const RUSSIAN: [&str; 3] = ["one", "few", "many"];

    fn missing(ftl: &str) -> Vec<(String, Vec<&'static str>)> {
        let resource = parse(ftl).unwrap();
        missing_plural_forms(resource.body.iter(), &RUSSIAN)
    }

    #[test]
    fn reports_missing_forms_in_file_order() {
        let ftl = "ok = { $n ->\n [one] a\n [few] b\n *[many] c\n}\n\
                   days = { $n ->\n [one] день\n *[other] дней\n}\n\
                   nested = x { $a ->\n [x] { NUMBER($n) ->\n  [one] a\n  [many] b\n *[other] c\n }\n *[y] z\n}\n";
        assert_eq!(
            missing(ftl),
            [
                ("days".to_owned(), vec!["few", "many"]),
                ("nested".to_owned(), vec!["few"])
            ]
        );
    }

    #[test]
    fn ignores_selects_that_are_not_plural() {
        let ftl = "month = { $month ->\n [1] января\n *[12] декабря\n}\n\
                   precision = { $precision ->\n [day] a\n *[other] b\n}\n\
                   term = { -brand(case: \"one\") }\n";
        assert!(missing(ftl).is_empty());
    }

    #[test]
    fn checks_attributes() {
        let ftl = "msg =\n .title = { $n ->\n [one] a\n [few] b\n *[other] c\n}\n";
        assert_eq!(missing(ftl), [("msg".to_owned(), vec!["many"])]);
    }

    #[test]
    fn locates_message_definitions() {
        let text = "# days = not this\nday = x\ndays=y\n";
        assert_eq!(message_offset(text, "days"), 26);
        assert_eq!(message_offset(text, "day"), 18);
        assert_eq!(message_offset(text, "absent"), 0);
    }
}
