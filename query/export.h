// Export: every unit matching a query, with every annotation, streamed (the library behind
// `annosearch export`). Nothing is collected: each unit is handed to a callback as the match sees
// it, so memory stays flat for a million hits. Units come in index order (document id order of
// the Xapian database), not by relevance; the BM25 score is given when the query has free text.
//
// At article level a unit's mentions and dates are those of its passages (read through the
// article's XDOC term), each with its passage number; at passage level, those of the passage.
// An actor annotated on the document without any mention (a document-level annotation, as
// Reuters-21578's) is listed with no mentions and `document_level` set.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "query/search.h"

namespace annosearch {

struct ExportMention {
  int passage = 0;   // 1-based passage the span is in
  Span span;         // code points into that passage's text
  std::string text;  // the words of the mention
};

struct ExportActor {
  ActorRef ref;
  std::vector<ExportMention> mentions;  // empty: a document-level annotation only
  bool document_level = false;          // annotated on the unit without any mention in it
};

struct ExportDate {
  std::string value;  // normalised, "2021-11-28" or "2021-10-01..2021-10-10"
  ExportMention where;
};

struct ExportUnit {
  std::string id;
  int passage = 0;  // 0 for an article
  std::string title;
  std::string date;
  std::string source;
  std::string url;
  std::string language;
  std::vector<std::string> authors;
  double score = 0;  // BM25; 0 without free text
  std::string text;  // the passage text (passage level only)
  std::vector<ExportActor> actors;
  std::vector<ThemeRef> themes;  // as annotated (without ancestors)
  std::vector<ExportDate> dates;
};

// What a result set needs to be cited and reproduced.
struct ExportHeader {
  std::string index;       // the index directory as given
  std::string generation;  // the published generation ("" for a plain database)
  int schema_version = 0;
  std::string registry_version;
  std::string taxonomy_version;
  std::string built_at;
  std::string exported_at;  // ISO 8601 UTC, to the second
  std::string query;        // normalized_query(): resolved ids, canonical dates
  QueryEcho echo;
  Level level = Level::kArticle;
};

// Opens the index, calls on_header once before the first unit, then on_unit for every match.
// Returns how many units were exported. The index is read as one snapshot: when it is
// republished while exporting, Error(kIndex) says so (the output is then incomplete).
std::size_t export_index(const std::string& index_dir, const SearchRequest& request,
                         const std::function<void(const ExportHeader&)>& on_header,
                         const std::function<void(const ExportUnit&)>& on_unit);

// The same on an index already open (a server's worker): `index_dir` and `generation` are what the
// header records (the generation the searcher reads, "" for a plain database).
std::size_t export_index(const Searcher& searcher, const std::string& index_dir,
                         const std::string& generation, const SearchRequest& request,
                         const std::function<void(const ExportHeader&)>& on_header,
                         const std::function<void(const ExportUnit&)>& on_unit);

}  // namespace annosearch
