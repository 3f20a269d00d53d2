// Highlighting a passage: where the query's words and the filtered actors' mentions stand in it.
//
// Spans are code points into the passage text (as core/document.h), merged and sorted. Rendering
// is a separate step, so the same spans give "[Rakhmon]" in JSON and bold text on a terminal.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis.h"
#include "core/document.h"
#include "core/stored.h"

namespace annosearch {

// The query's words as the analyser makes them: folded unstemmed words (from phrases and words)
// and stems (from words).
struct HighlightTerms {
  std::set<std::string> words;
  std::set<std::string> stems;
  // Phrases of two or more words: highlighted only where the words stand together, in order.
  std::set<std::vector<std::string>> phrases;
  [[nodiscard]] bool empty() const { return words.empty() && stems.empty() && phrases.empty(); }
};

// The spans of `text` to highlight: every token whose folded form is in terms.words or whose stem
// is in terms.stems, every run of tokens equal to one of terms.phrases, and every mention of an
// entity in `actors`. Sorted, overlaps merged.
[[nodiscard]] std::vector<Span> highlight_spans(const Analyzer& analyzer, const std::string& text,
                                                const HighlightTerms& terms,
                                                const std::vector<StoredMention>& mentions,
                                                const std::set<std::string>& actors);

// Sorts spans and merges those that overlap or touch.
[[nodiscard]] std::vector<Span> merge_spans(std::vector<Span> spans);

// `text` with each span wrapped in open/close. Spans are code points, clamped to the text.
[[nodiscard]] std::string render_highlighted(const std::string& text,
                                             const std::vector<Span>& spans,
                                             std::string_view open = "[",
                                             std::string_view close = "]");

}  // namespace annosearch
