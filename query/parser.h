// The query language (docs/query-language.md): free-text words, "quoted phrases", OR, NOT / -word,
// parentheses, and the fields actor:, theme:, date:, when:, type: (the filters of the options).
//
// Precedence, tightest first: NOT (and the - prefix), OR, then juxtaposition (AND; the keyword AND
// may be written and means the same). So `refugees Tajikistan OR Afghanistan` is
// refugees AND (Tajikistan OR Afghanistan), as in web search engines.
//
// This module only parses; query/search.h turns the tree into a Xapian query (analysing the words
// with core/analysis.h and resolving actor and theme names through the registry).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace annosearch {

struct QueryNode {
  enum class Kind { kWord, kPhrase, kField, kAnd, kOr, kNot };
  Kind kind = Kind::kAnd;
  std::string field;                // kField: "actor", "theme", "date", "when" or "type"
  std::string text;                 // kWord, kPhrase: as typed (quotes removed); kField: the value
  std::vector<QueryNode> children;  // kAnd, kOr: the operands; kNot: exactly one

  [[nodiscard]] bool empty() const { return kind == Kind::kAnd && children.empty(); }
};

// The field names the language knows.
inline constexpr std::string_view kQueryFields[] = {"actor", "theme", "date", "when", "type"};

// Parses a query. An empty or blank query gives an empty kAnd node. An AND or OR of one operand is
// that operand. Throws Error(kUsage) for an unbalanced quote or parenthesis, an unknown field, a
// field without a value, or an OR without a term on each side.
[[nodiscard]] QueryNode parse_query(std::string_view text);

// A compact, stable description for tests and --explain: AND(refugees, "human rights",
// NOT(taliban), actor:Putin, OR(a, b)).
[[nodiscard]] std::string describe(const QueryNode& node);

}  // namespace annosearch
