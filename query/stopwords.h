// Function words per language: the words a plain-words question is never required to contain
// ("what did opec decide about production quotas" requires opec, decide, production, quotas).
// The lists are Snowball's stop word lists (snowballstem.org, BSD licence) for English, Russian,
// German, French and Spanish, as folded words; other languages have none, so every word of a
// query in them stays required. docs/query-language.md ("Questions in plain words") lists them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace annosearch {

// True when the folded word is a stop word of the language (BCP 47 primary subtag: "en").
[[nodiscard]] bool is_stopword(std::string_view language, std::string_view folded_word);

// True when a query whose first word is this one reads as a question ("what", "why", "did", ...).
// English only.
[[nodiscard]] bool opens_question(std::string_view language, std::string_view folded_word);

// True when the word frames a question rather than naming its topic ("happened", "say", "tell"):
// a function word in a query that opens_question(), a content word anywhere else. English only.
[[nodiscard]] bool is_question_frame_word(std::string_view language, std::string_view folded_word);

// The languages that have a list.
[[nodiscard]] std::vector<std::string> stopword_languages();

}  // namespace annosearch
