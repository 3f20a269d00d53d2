// The query language (docs/query-language.md): free-text words, "quoted phrases" (with slop
// "a b"~n), prefixes (Tajik*), OR, NOT / -word, +word, NEAR/n and ADJ/n, parentheses, and the
// fields actor:, theme:, date:, when:, type: (the filters of the options); actor:X+ expands X to
// its related entities.
//
// Precedence, tightest first: NEAR/n and ADJ/n, NOT (and the - prefix), OR, then juxtaposition
// (AND; the keyword AND may be written and means the same). So `refugees Tajikistan OR
// Afghanistan` is refugees AND (Tajikistan OR Afghanistan), as in web search engines.
//
// A hand-written parser, not Xapian::QueryParser: see docs/query-language.md ("Why not
// Xapian's QueryParser") for the reasons. Every error names the character position (1-based, in
// code points) of the problem.
//
// This module only parses; query/search.h turns the tree into a Xapian query (analysing the words
// with core/analysis.h and resolving actor and theme names through the registry).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace annosearch {

struct QueryNode {
  enum class Kind { kWord, kPhrase, kPrefix, kField, kAnd, kOr, kNot, kNear };
  Kind kind = Kind::kAnd;
  std::string field;  // kField: "actor", "theme", "date", "when" or "type"
  // kWord, kPhrase: as typed (quotes removed); kPrefix: the prefix without '*'; kField: the value.
  std::string text;
  std::vector<QueryNode> children;  // kAnd, kOr, kNear: the operands; kNot: exactly one
  // kPhrase: slop ("a b"~n), 0 for an exact phrase. kNear: n of NEAR/n or ADJ/n.
  std::size_t distance = 0;
  bool ordered = false;      // kNear: ADJ (in order) rather than NEAR (any order)
  bool required = false;     // kWord: written +word (required even when it is a stopword)
  bool expand = false;       // kField actor: written actor:X+ (add the related entities)
  std::size_t position = 0;  // 1-based code point position of the node in the query text

  [[nodiscard]] bool empty() const { return kind == Kind::kAnd && children.empty(); }
};

// The field names the language knows.
inline constexpr std::string_view kQueryFields[] = {"actor", "theme", "date", "when", "type"};

// The largest n of NEAR/n, ADJ/n and "..."~n: below the position gap between passages, so
// proximity never reaches across a paragraph break.
inline constexpr std::size_t kMaxProximity = 50;

// Parses a query. An empty or blank query gives an empty kAnd node. An AND or OR of one operand is
// that operand. Throws Error(kUsage) naming the position for an unbalanced quote or parenthesis,
// an unknown field, a field without a value, an OR without a term on each side, a - or NOT with
// nothing after it, a misplaced '*', a NEAR/ADJ with a bad distance or operand.
[[nodiscard]] QueryNode parse_query(std::string_view text);

// A compact, stable description for tests and --explain: AND(refugees, "human rights",
// NOT(taliban), actor:Putin, OR(a, b), NEAR/5(a, b), ADJ/3(a, b), "a b"~2, tajik*).
[[nodiscard]] std::string describe(const QueryNode& node);

// The node as the user could type it again (for messages: "missing: actor:Putin NEAR/12 Taliban"):
// the canonical printer of the language. Its output parses back to the same tree (positions
// aside): parse_query(to_query_text(parse_query(q))) equals parse_query(q), and printing that again
// gives the same text (checked by the fuzz target tests/fuzz/fuzz_query.cc). Groups keep their
// parentheses, field values with white space or parentheses are quoted, NEAR prints its distance.
[[nodiscard]] std::string to_query_text(const QueryNode& node);

}  // namespace annosearch
