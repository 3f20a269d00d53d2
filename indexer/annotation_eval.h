// Comparing annotations with a gold standard: precision, recall and F1 (annosearch
// eval-annotations, docs/annotation-quality.md).
//
// Documents are paired by id (a predicted document missing is all misses). What is compared:
//   mentions           (document, start, end, entity id): exact span and link; per entity type
//   document entities  (document, entity id), whatever the mentions: for document-level labels
//                      such as Reuters-21578's PLACES; per entity type
//   dates              (document, start, end, value): exact span and value
//   date values        (document, value) as multisets: the value right, the span free
//   passage themes     (document, passage, theme); a theme without passages is every passage
// `passages` odd|even keeps only annotations in odd or even passages (mentions, dates, themes),
// for reporting the development and held-out halves of a document separately.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"

namespace annosearch {

struct Score {
  std::size_t tp = 0;
  std::size_t fp = 0;
  std::size_t fn = 0;
  [[nodiscard]] double precision() const;
  [[nodiscard]] double recall() const;
  [[nodiscard]] double f1() const;
  Score& operator+=(const Score& o);
};

struct EvalOptions {
  std::string passages = "all";  // all, odd, even
  // Document entities: leave out predicted entries marked salient: false (named in passing), for
  // gold that labels what a document is about (Reuters-21578) rather than all it names (the seed).
  bool salient_only = false;
};

struct EvalResult {
  std::size_t gold_documents = 0;
  std::size_t predicted_documents = 0;
  std::size_t paired = 0;  // gold documents with a predicted document of the same id
  Score mentions;
  std::map<std::string, Score> mentions_by_type;
  Score document_entities;
  std::map<std::string, Score> document_entities_by_type;
  Score dates;
  Score date_values;
  Score themes;
};

// Reads documents leniently for evaluation: one JSON object per line (.jsonl) or a .json file
// holding one document or an array. Only id, text, entities, dates and themes are read; invalid
// JSON or a record without an id throws Error(kInput) naming file and line.
[[nodiscard]] std::vector<Document> read_documents_for_eval(const std::string& path);

// registry: for per-type figures (types "?" when absent or the id is unknown).
[[nodiscard]] EvalResult evaluate_annotations(const std::vector<Document>& gold,
                                              const std::vector<Document>& predicted,
                                              const Registry& registry,
                                              const EvalOptions& options = {});

[[nodiscard]] nlohmann::ordered_json to_json(const Score& s);
[[nodiscard]] nlohmann::ordered_json to_json(const EvalResult& r);
// The figures as aligned text lines.
[[nodiscard]] std::string format_eval_text(const EvalResult& r);

}  // namespace annosearch
