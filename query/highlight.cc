// Passage highlighting.
#include "query/highlight.h"

#include <algorithm>

namespace annosearch {
namespace {

// Byte offset of each code point boundary: offsets[i] is where code point i starts (and
// offsets[count] == text.size()). Continuation bytes (10xxxxxx) do not start a code point.
std::vector<std::size_t> code_point_offsets(const std::string& text) {
  std::vector<std::size_t> offsets;
  offsets.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

}  // namespace

std::vector<Span> merge_spans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (s.end <= s.start) continue;
    if (!out.empty() && s.start <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::vector<Span> highlight_spans(const Analyzer& analyzer, const std::string& text,
                                  const HighlightTerms& terms,
                                  const std::vector<StoredMention>& mentions,
                                  const std::set<std::string>& actors) {
  std::vector<Span> spans;
  if (!terms.empty()) {
    const std::vector<Token> tokens = analyzer.tokenize(text);
    for (const Token& token : tokens) {
      if (terms.words.count(token.term) != 0 ||
          (!terms.stems.empty() && terms.stems.count(analyzer.stem(token.term)) != 0)) {
        spans.push_back(token.span);
      }
    }
    for (const auto& phrase : terms.phrases) {
      for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
        std::size_t k = 0;
        while (k < phrase.size() && tokens[i + k].term == phrase[k]) ++k;
        if (k == phrase.size()) spans.push_back({tokens[i].span.start, tokens[i + k - 1].span.end});
      }
    }
  }
  for (const auto& m : mentions) {
    if (actors.count(m.entity) != 0) spans.push_back(m.span);
  }
  return merge_spans(std::move(spans));
}

std::string render_highlighted(const std::string& text, const std::vector<Span>& spans,
                               std::string_view open, std::string_view close) {
  const std::vector<std::size_t> offsets = code_point_offsets(text);
  const std::size_t count = offsets.size() - 1;
  std::string out;
  out.reserve(text.size() + spans.size() * (open.size() + close.size()));
  std::size_t pos = 0;  // bytes copied so far
  for (const Span& s : spans) {
    const std::size_t start = offsets[std::min(s.start, count)];
    const std::size_t end = offsets[std::min(s.end, count)];
    if (start < pos || end <= start) continue;
    out.append(text, pos, start - pos);
    out.append(open);
    out.append(text, start, end - start);
    out.append(close);
    pos = end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace annosearch
